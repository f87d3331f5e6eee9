// Upcoming's application deadlines: those in the next few days and those passed before you
// applied, from the same nudges as Notifications (so dismissing one there hides it here too).
import { Link } from "wouter";

import { useNotifications } from "./queries";

const DEADLINE_KINDS = new Set(["deadline_passed", "deadline_soon"]);

export function DeadlinesPanel() {
  const notifications = useNotifications();
  const deadlines = (notifications.data?.items ?? []).filter((nudge) =>
    DEADLINE_KINDS.has(nudge.kind),
  );
  if (deadlines.length === 0) return null;
  return (
    <section className="panel upcoming-section" aria-labelledby="upcoming-deadlines">
      <h2 id="upcoming-deadlines">Application deadlines</h2>
      <ul className="item-list">
        {deadlines.map((nudge) => (
          <li
            key={nudge.id}
            className={`item upcoming-item${nudge.kind === "deadline_passed" ? " is-overdue" : ""}`}
          >
            <Link href={`/applications/${nudge.application.id}`} className="item-title">
              {nudge.title}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
