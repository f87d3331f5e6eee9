// Settings for reminders: which nudges you get and after how long, and the email digest.
import { useState, type FormEvent } from "react";

import { fieldError } from "../../api/client";
import { ErrorAlert } from "../../components/ErrorAlert";
import { CheckboxField, SelectField, TextField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { SaveActions } from "../../components/SaveActions";
import {
  useDigestSettings,
  useNudgeRules,
  useUpdateDigestSettings,
  useUpdateNudgeRules,
  type DigestSettings,
  type NudgeRules,
} from "./queries";

type DayRule = "follow_up_days" | "follow_up_again_days" | "deadline_soon_days" | "ghosted_days";
type Switch = "thank_you" | "deadline_passed" | "deliverables_due";

type DayRuleChoice = { key: DayRule; toggle: string; label: string; fallback: number; min: number };
const DAY_RULES: DayRuleChoice[] = [
  {
    key: "follow_up_days",
    toggle: "Remind me to follow up",
    label: "Follow up after (days)",
    fallback: 7,
    min: 1,
  },
  {
    key: "follow_up_again_days",
    toggle: "Remind me to follow up a second time",
    label: "Follow up again after (days)",
    fallback: 7,
    min: 1,
  },
  {
    key: "deadline_soon_days",
    toggle: "Remind me before a deadline",
    label: "Deadline reminder (days before)",
    fallback: 3,
    min: 0,
  },
  {
    key: "ghosted_days",
    toggle: "Suggest Ghosted for applications gone quiet",
    label: "Suggest Ghosted after (days)",
    fallback: 30,
    min: 1,
  },
];
const DAY_HINTS: Record<DayRule, string> = {
  follow_up_days: "Days an application sits in Applied with no answer before a follow-up.",
  follow_up_again_days: "Days after the first follow-up reminder for a second one.",
  deadline_soon_days: "Days before a posting's deadline (before you apply) to remind you.",
  ghosted_days: "Days without any movement before suggesting the application is Ghosted.",
};
const SWITCHES: { key: Switch; label: string }[] = [
  { key: "thank_you", label: "Send a thank-you within a day of an interview" },
  { key: "deadline_passed", label: "Tell me when a deadline has passed" },
  { key: "deliverables_due", label: "Deliverables due today or overdue" },
];
const DAYS_PROBLEM = "Enter a whole number of days from 0 to 365.";

export function RemindersSection() {
  const rules = useNudgeRules();
  const digest = useDigestSettings();
  return (
    <>
      {rules.isPending && <Loading>Loading your reminder rules…</Loading>}
      <ErrorAlert title="Could not load your reminder rules." error={rules.error} />
      {rules.data && <RulesForm saved={rules.data} />}
      <h3>Email digest</h3>
      {digest.isPending && <Loading>Loading your email settings…</Loading>}
      <ErrorAlert title="Could not load your email settings." error={digest.error} />
      {digest.data && <DigestForm saved={digest.data} />}
    </>
  );
}

function RulesForm({ saved }: { saved: NudgeRules }) {
  const update = useUpdateNudgeRules();
  const [days, setDays] = useState<Record<DayRule, string>>(() => {
    const entries = DAY_RULES.map((rule) => [rule.key, String(saved[rule.key] ?? rule.fallback)]);
    return Object.fromEntries(entries) as Record<DayRule, string>;
  });
  const [enabled, setEnabled] = useState<Record<DayRule, boolean>>(() => {
    const entries = DAY_RULES.map((rule) => [rule.key, saved[rule.key] !== null]);
    return Object.fromEntries(entries) as Record<DayRule, boolean>;
  });
  const [switches, setSwitches] = useState<Record<Switch, boolean>>({
    thank_you: saved.thank_you,
    deadline_passed: saved.deadline_passed,
    deliverables_due: saved.deliverables_due,
  });
  const [checked, setChecked] = useState(false);

  function parsed(key: DayRule): number | null {
    const text = days[key].trim();
    return /^\d+$/.test(text) && Number(text) <= 365 ? Number(text) : null;
  }
  const invalid = DAY_RULES.filter((rule) => enabled[rule.key] && parsed(rule.key) === null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (invalid.length > 0) return;
    const numbers = Object.fromEntries(
      DAY_RULES.map((rule) => [rule.key, enabled[rule.key] ? parsed(rule.key) : null]),
    );
    update.mutate({ ...numbers, ...switches });
  }

  return (
    <form className="form settings-form" onSubmit={submit} noValidate>
      {DAY_RULES.map((rule) => (
        <div key={rule.key} className="reminder-rule">
          <CheckboxField
            label={rule.toggle}
            checked={enabled[rule.key]}
            onChange={(event) => {
              setEnabled({ ...enabled, [rule.key]: event.target.checked });
              update.reset();
            }}
          />
          {enabled[rule.key] && (
            <TextField
              label={rule.label}
              type="number"
              inputMode="numeric"
              min={rule.min}
              max={365}
              value={days[rule.key]}
              onChange={(event) => {
                setDays({ ...days, [rule.key]: event.target.value });
                update.reset();
              }}
              hint={DAY_HINTS[rule.key]}
              error={
                checked && parsed(rule.key) === null ? DAYS_PROBLEM : fieldError(update.error, rule.key)
              }
            />
          )}
        </div>
      ))}
      {SWITCHES.map((option) => (
        <CheckboxField
          key={option.key}
          label={option.label}
          checked={switches[option.key]}
          onChange={(event) => {
            setSwitches({ ...switches, [option.key]: event.target.checked });
            update.reset();
          }}
        />
      ))}
      <ErrorAlert title="Could not save your reminder rules." error={update.error} />
      <SaveActions
        label="Save reminder rules"
        busy={update.isPending}
        saved={update.isSuccess && "Saved."}
      />
    </form>
  );
}

const FREQUENCIES = [
  { value: "daily", label: "Every day" },
  { value: "weekly", label: "Once a week" },
];
const HOURS = Array.from({ length: 24 }, (_, hour) => ({
  value: String(hour),
  label: `${String(hour).padStart(2, "0")}:00`,
}));
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].map(
  (label, index) => ({ value: String(index), label }),
);

function DigestForm({ saved }: { saved: DigestSettings }) {
  const update = useUpdateDigestSettings();
  const [enabled, setEnabled] = useState(saved.enabled);
  const [frequency, setFrequency] = useState<string>(saved.frequency);
  const [hour, setHour] = useState(String(saved.hour));
  const [weekday, setWeekday] = useState(String(saved.weekday));

  if (!saved.email_available) {
    return (
      <p className="muted">
        Email is not set up on this instance, so there are no digests. The Notifications page
        shows the same reminders.
      </p>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate({
      enabled,
      frequency: frequency === "weekly" ? "weekly" : "daily",
      hour: Number(hour),
      weekday: Number(weekday),
    });
  }

  return (
    <form className="form settings-form" onSubmit={submit} noValidate>
      <CheckboxField
        label="Email me a digest of my reminders and interviews"
        checked={enabled}
        onChange={(event) => {
          setEnabled(event.target.checked);
          update.reset();
        }}
        hint={`Sent at your local time (${saved.time_zone}); every email has a one-click unsubscribe.`}
      />
      {enabled && (
        <div className="form-grid">
          <SelectField
            label="How often"
            options={FREQUENCIES}
            value={frequency}
            onChange={(event) => setFrequency(event.target.value)}
            error={fieldError(update.error, "frequency")}
          />
          {frequency === "weekly" && (
            <SelectField
              label="On"
              options={WEEKDAYS}
              value={weekday}
              onChange={(event) => setWeekday(event.target.value)}
              error={fieldError(update.error, "weekday")}
            />
          )}
          <SelectField
            label="At (your time)"
            options={HOURS}
            value={hour}
            onChange={(event) => setHour(event.target.value)}
            error={fieldError(update.error, "hour")}
          />
        </div>
      )}
      <ErrorAlert title="Could not save your email settings." error={update.error} />
      <SaveActions
        label="Save email settings"
        busy={update.isPending}
        saved={update.isSuccess && "Saved."}
      />
    </form>
  );
}
