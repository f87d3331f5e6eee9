// The form that schedules an interview, or edits one and records how it went.
import { useState, type FormEvent } from "react";

import { fieldError, type Schemas } from "../../api/client";
import { useCurrentUser } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { CheckboxField, SelectField, TextAreaField, TextField } from "../../components/Field";
import { timeZoneOptions } from "../../lib/timeZones";
import {
  KIND_LABELS,
  KIND_OPTIONS,
  OUTCOME_OPTIONS,
  type Interview,
  type InterviewKind,
  type InterviewOutcome,
} from "./interviewLabels";
import { useApplicationContacts } from "./queries";

export type InterviewBody = Schemas["InterviewCreate"] & Schemas["InterviewUpdate"];

const MIN_MINUTES = 5;
const MAX_MINUTES = 7 * 24 * 60;

export function InterviewForm({
  applicationId,
  interview,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  applicationId: number;
  interview?: Interview;
  busy: boolean;
  error: unknown;
  onSubmit: (body: InterviewBody) => void;
  onCancel: () => void;
}) {
  const userZone = useCurrentUser().time_zone;
  const contacts = useApplicationContacts(applicationId).data?.items ?? [];
  const [kind, setKind] = useState<InterviewKind>(interview?.kind ?? "video");
  const [when, setWhen] = useState(interview?.local_start ?? "");
  const [zone, setZone] = useState(interview?.time_zone ?? userZone);
  const [minutes, setMinutes] = useState(String(interview?.duration_minutes ?? 60));
  const [location, setLocation] = useState(interview?.location ?? "");
  const [meetingUrl, setMeetingUrl] = useState(interview?.meeting_url ?? "");
  const [withIds, setWithIds] = useState<number[]>(
    interview?.contacts.map((contact) => contact.id) ?? [],
  );
  const [prepNotes, setPrepNotes] = useState(interview?.prep_notes ?? "");
  const [outcome, setOutcome] = useState<string>(interview?.outcome ?? "");
  const [debrief, setDebrief] = useState(interview?.debrief ?? "");
  const [problems, setProblems] = useState<Record<string, string>>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const duration = Number(minutes);
    const found: Record<string, string> = {};
    if (!when) found.starts_at = "Choose the day and time it starts.";
    if (!Number.isInteger(duration) || duration < MIN_MINUTES || duration > MAX_MINUTES) {
      found.duration_minutes = `Enter whole minutes from ${MIN_MINUTES} to ${MAX_MINUTES} (a week).`;
    }
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const optional = (text: string) => (text.trim() ? text.trim() : null);
    onSubmit({
      kind,
      starts_at: when,
      time_zone: zone,
      duration_minutes: duration,
      location: optional(location),
      meeting_url: optional(meetingUrl),
      contact_ids: withIds,
      prep_notes: prepNotes.trim() ? prepNotes : null,
      ...(interview
        ? {
            outcome: (outcome || null) as InterviewOutcome | null,
            debrief: debrief.trim() ? debrief : null,
          }
        : {}),
    });
  }
  const problem = (field: string) => problems[field] ?? fieldError(error, field);

  return (
    <form
      className="form"
      onSubmit={submit}
      noValidate
      aria-label={interview ? `Edit ${KIND_LABELS[interview.kind]} interview` : "Schedule an interview"}
    >
      <div className="form-grid">
        <SelectField
          label="Kind"
          value={kind}
          options={KIND_OPTIONS}
          onChange={(event) => setKind(event.target.value as InterviewKind)}
          error={fieldError(error, "kind")}
        />
        <TextField
          label="When"
          type="datetime-local"
          value={when}
          onChange={(event) => setWhen(event.target.value)}
          min="1970-01-01T00:00"
          max="2100-12-31T23:59"
          required
          error={problem("starts_at")}
        />
        <SelectField
          label="Time zone"
          value={zone}
          options={timeZoneOptions(zone)}
          onChange={(event) => setZone(event.target.value)}
          hint={zone === userZone ? "Your time zone" : `Yours is ${userZone.replace(/_/g, " ")}`}
          error={fieldError(error, "time_zone")}
        />
        <TextField
          label="Duration (minutes)"
          type="number"
          inputMode="numeric"
          min={MIN_MINUTES}
          max={MAX_MINUTES}
          step={5}
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
          error={problem("duration_minutes")}
        />
        <TextField
          label="Location"
          value={location}
          onChange={(event) => setLocation(event.target.value)}
          maxLength={500}
          placeholder="Address or room"
          error={fieldError(error, "location")}
        />
        <TextField
          label="Meeting link"
          type="url"
          value={meetingUrl}
          onChange={(event) => setMeetingUrl(event.target.value)}
          maxLength={2000}
          placeholder="https://…"
          error={fieldError(error, "meeting_url")}
        />
        {contacts.length > 0 && (
          <fieldset className="span-2 interview-people">
            <legend>With</legend>
            {contacts.map((contact) => (
              <CheckboxField
                key={contact.id}
                label={contact.role ? `${contact.name} (${contact.role})` : contact.name}
                checked={withIds.includes(contact.id)}
                onChange={(event) =>
                  setWithIds((ids) =>
                    event.target.checked
                      ? [...ids, contact.id]
                      : ids.filter((id) => id !== contact.id),
                  )
                }
              />
            ))}
            {fieldError(error, "contact_ids") && (
              <p className="field-error">{fieldError(error, "contact_ids")}</p>
            )}
          </fieldset>
        )}
        <TextAreaField
          label="Preparation notes"
          value={prepNotes}
          onChange={(event) => setPrepNotes(event.target.value)}
          rows={3}
          maxLength={20000}
          className="span-2"
          error={fieldError(error, "prep_notes")}
        />
        {interview && (
          <>
            <SelectField
              label="Outcome"
              value={outcome}
              options={OUTCOME_OPTIONS}
              onChange={(event) => setOutcome(event.target.value)}
              error={fieldError(error, "outcome")}
            />
            <TextAreaField
              label="Debrief"
              value={debrief}
              onChange={(event) => setDebrief(event.target.value)}
              rows={4}
              maxLength={20000}
              className="span-2"
              hint="What they asked, how it went, what to do better next time."
              error={fieldError(error, "debrief")}
            />
          </>
        )}
      </div>
      <ErrorAlert title="Not saved." error={error} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy}>
          {interview ? "Save interview" : "Schedule interview"}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
