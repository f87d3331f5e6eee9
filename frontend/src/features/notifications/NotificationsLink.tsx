// The header's link to Notifications, with how many reminders wait (the badge).
import { Link } from "wouter";

import { useNotificationCount } from "./queries";
import "./badge.css";

export function NotificationsLink({ current }: { current: boolean }) {
  const waiting = useNotificationCount().data ?? 0;
  return (
    <Link
      href="/notifications"
      className="button button-ghost button-small notifications-link"
      aria-current={current ? "page" : undefined}
    >
      {/* The name read out says what the badge's number counts. It is the link's text, not an
          aria-label, and starts with the word on screen, as voice control expects (WCAG 2.5.3). */}
      {waiting > 0 ? (
        <>
          <span className="visually-hidden">Notifications, {waiting} waiting</span>
          <span aria-hidden="true">Notifications</span>
          <span className="notification-badge" aria-hidden="true">
            {waiting > 99 ? "99+" : waiting}
          </span>
        </>
      ) : (
        "Notifications"
      )}
    </Link>
  );
}
