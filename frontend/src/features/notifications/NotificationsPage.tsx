// Notifications: the nudges waiting for you, most pressing first. Each links to its action and
// can be marked done, snoozed or dismissed; a follow-up or thank-you opens a ready draft.
import { useState } from "react";
import { Link } from "wouter";

import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { useTitle } from "../../lib/useTitle";
import { DraftDialog } from "./DraftDialog";
import { useMarkGhosted, useNotifications, useUpdateNotification, type Nudge } from "./queries";
import "./notifications.css";

const SNOOZES = [
  { days: 1, label: "Snooze 1 day" },
  { days: 3, label: "Snooze 3 days" },
  { days: 7, label: "Snooze 1 week" },
];
const DAY_MS = 24 * 60 * 60 * 1000;

function draftLabel(nudge: Nudge): string {
  return nudge.kind === "thank_you" ? "Draft thank-you" : "Draft follow-up";
}

export default function NotificationsPage() {
  useTitle("Notifications");
  const notifications = useNotifications();
  const [drafting, setDrafting] = useState<Nudge | null>(null);

  return (
    <div className="page page-narrow notifications">
      <header className="page-header">
        <h1>Notifications</h1>
        <p className="muted">
          Reminders from your rules: follow-ups, deadlines, due work, thank-yous and applications
          gone quiet. Change the rules in <Link href="/settings#settings-reminders">Settings</Link>.
        </p>
      </header>
      {notifications.isPending && <Loading />}
      <ErrorAlert title="Could not load your notifications." error={notifications.error} />
      {notifications.data &&
        (notifications.data.items.length === 0 ? (
          <EmptyState title="Nothing needs you right now.">
            New reminders show here when an application waits for an answer, a deadline nears or
            work falls due.
          </EmptyState>
        ) : (
          <ul className="nudge-list" aria-label="Notifications">
            {notifications.data.items.map((nudge) => (
              <NudgeItem key={nudge.id} nudge={nudge} onDraft={() => setDrafting(nudge)} />
            ))}
          </ul>
        ))}
      <DraftDialog nudge={drafting} onClose={() => setDrafting(null)} />
    </div>
  );
}

function NudgeItem({ nudge, onDraft }: { nudge: Nudge; onDraft: () => void }) {
  const update = useUpdateNotification();
  const ghosted = useMarkGhosted();
  const applicationPath = `/applications/${nudge.application.id}`;

  function snooze(days: number) {
    const until = new Date(Date.now() + days * DAY_MS).toISOString();
    update.mutate({ id: nudge.id, change: { snoozed_until: until } });
  }

  async function markGhosted() {
    await ghosted.mutateAsync(nudge.application.id);
    update.mutate({ id: nudge.id, change: { done: true } });
  }

  return (
    <li className={`panel nudge nudge-${nudge.kind}`}>
      <p className="nudge-title">{nudge.title}</p>
      <p className="nudge-application muted">
        <Link href={applicationPath}>
          {nudge.application.role} at {nudge.application.company}
        </Link>
      </p>
      <div className="nudge-actions">
        {nudge.draftable && (
          <Button size="small" variant="primary" onClick={onDraft}>
            {draftLabel(nudge)}
          </Button>
        )}
        {nudge.kind === "ghosted" && (
          <Button size="small" variant="primary" busy={ghosted.isPending} onClick={markGhosted}>
            Mark Ghosted
          </Button>
        )}
        {!nudge.draftable && nudge.kind !== "ghosted" && (
          <Link className="button button-secondary button-small" href={applicationPath}>
            Open application
          </Link>
        )}
        <Button
          size="small"
          busy={update.isPending && update.variables?.change.done === true}
          onClick={() => update.mutate({ id: nudge.id, change: { done: true } })}
        >
          Done
        </Button>
        {SNOOZES.map((choice) => (
          <Button key={choice.days} size="small" variant="ghost" onClick={() => snooze(choice.days)}>
            {choice.label}
          </Button>
        ))}
        <Button
          size="small"
          variant="ghost"
          onClick={() => update.mutate({ id: nudge.id, change: { dismissed: true } })}
        >
          Dismiss
        </Button>
      </div>
      <ErrorAlert title="Could not change this reminder." error={update.error ?? ghosted.error} />
    </li>
  );
}
