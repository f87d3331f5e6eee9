// The weekly goal on the dashboard: this week's progress, the last weeks, the streak, and the
// goal itself set right here.
import { useId, useState, type FormEvent } from "react";

import { fieldError, messageOf } from "../../api/client";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { SaveActions } from "../../components/SaveActions";
import { plural } from "../../lib/format";
import { InfoTip } from "./InfoTip";
import { useSetWeeklyGoals, useWeeklyGoals, type WeeklyGoals } from "./queries";

const weekFormat = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  timeZone: "UTC", // a week's Monday is a calendar date; don't shift it
});

function weekOf(isoDate: string): string {
  return weekFormat.format(new Date(`${isoDate}T00:00:00Z`));
}

export function GoalCard() {
  const goals = useWeeklyGoals();
  const [editing, setEditing] = useState(false);
  const headingId = useId();
  const data = goals.data;
  const noGoal = data && data.applications_per_week == null && data.contacts_per_week == null;
  return (
    <section className="panel goal-card" aria-labelledby={headingId}>
      <div className="panel-header">
        <div className="chart-heading">
          <h2 id={headingId}>Weekly goal</h2>
          {data && <InfoTip subject="Weekly goal" definition={data.definition} />}
        </div>
        {data && !noGoal && !editing && (
          <Button size="small" variant="ghost" onClick={() => setEditing(true)}>
            Change goal
          </Button>
        )}
      </div>
      {goals.isError ? (
        <ErrorAlert title="Could not load your weekly goal." error={goals.error} />
      ) : !data ? (
        <Loading>Loading your weekly goal…</Loading>
      ) : editing || noGoal ? (
        <GoalForm
          goals={data}
          intro={noGoal ? "Set a goal for each week to keep a steady pace." : undefined}
          onDone={noGoal ? undefined : () => setEditing(false)}
        />
      ) : (
        <Progress goals={data} />
      )}
    </section>
  );
}

function Progress({ goals }: { goals: WeeklyGoals }) {
  const week = goals.this_week;
  const weeksId = useId();
  return (
    <div className="goal-progress">
      {goals.applications_per_week != null && (
        <Bar label="Applications" count={week.applications} target={goals.applications_per_week} />
      )}
      {goals.contacts_per_week != null && (
        <Bar label="Networking contacts" count={week.contacts} target={goals.contacts_per_week} />
      )}
      <p className="goal-streak">
        {goals.streak_weeks > 0
          ? `Streak: ${plural(goals.streak_weeks, "week")} in a row`
          : "No streak yet: meet the goal this week to start one."}
      </p>
      <p id={weeksId} className="muted small goal-weeks-label">
        Applications in the last {goals.recent_weeks.length} weeks, this one last (✓: goal met)
      </p>
      <ol className="goal-weeks" aria-labelledby={weeksId}>
        {goals.recent_weeks.map((past) => (
          <li
            key={past.week_start}
            className={past.met ? "goal-week met" : "goal-week"}
            title={`Week of ${weekOf(past.week_start)}`}
          >
            <span className="visually-hidden">
              Week of {weekOf(past.week_start)}: {plural(past.applications, "application")},{" "}
              {plural(past.contacts, "contact")}, {past.met ? "goal met" : "goal not met"}
            </span>
            <span aria-hidden="true">
              {past.applications}
              {past.met && " ✓"}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function Bar({ label, count, target }: { label: string; count: number; target: number }) {
  const labelId = useId();
  const share = Math.min(1, count / target);
  return (
    <div className="goal-bar">
      <p id={labelId} className="goal-bar-label">
        This week: {count} of {target} {label.toLowerCase()}
        {count >= target && <span className="goal-met"> · goal met</span>}
      </p>
      <div
        className="goal-bar-track"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={target}
        aria-valuenow={Math.min(count, target)}
      >
        <div className="goal-bar-fill" style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  );
}

/** A target as typed: empty turns it off; anything else is sent for the server to judge. */
function target(typed: string): number | null {
  const trimmed = typed.trim();
  return trimmed === "" ? null : Number(trimmed);
}

function GoalForm({
  goals,
  intro,
  onDone,
}: {
  goals: WeeklyGoals;
  intro: string | undefined;
  onDone: (() => void) | undefined;
}) {
  const save = useSetWeeklyGoals();
  const [applications, setApplications] = useState(String(goals.applications_per_week ?? 5));
  const [contacts, setContacts] = useState(String(goals.contacts_per_week ?? ""));

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(
      { applications_per_week: target(applications), contacts_per_week: target(contacts) },
      { onSuccess: () => onDone?.() },
    );
  }

  const applicationsError = fieldError(save.error, "applications_per_week");
  const contactsError = fieldError(save.error, "contacts_per_week");
  return (
    <form className="goal-form" onSubmit={submit} noValidate>
      {intro && <p className="muted">{intro}</p>}
      <div className="goal-fields">
        <TextField
          label="Applications per week"
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          value={applications}
          hint="1 to 100; leave empty to turn off."
          error={applicationsError}
          onChange={(event) => setApplications(event.target.value)}
        />
        <TextField
          label="Networking contacts per week"
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          value={contacts}
          hint="Optional."
          error={contactsError}
          onChange={(event) => setContacts(event.target.value)}
        />
      </div>
      {save.isError && !applicationsError && !contactsError && (
        <p className="field-error" role="alert">
          {messageOf(save.error)}
        </p>
      )}
      <SaveActions label="Save goal" busy={save.isPending} saved={false}>
        {onDone && (
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        )}
      </SaveActions>
    </form>
  );
}
