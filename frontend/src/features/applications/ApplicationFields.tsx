// The inputs of an application, labelled by their names; used by "New application" and Details.
import { fieldError } from "../../api/client";
import { useMeta } from "../../api/hooks";
import { SelectField, TextAreaField, TextField, type Option } from "../../components/Field";
import type { Draft } from "./draft";

type Props = {
  draft: Draft;
  onChange: (draft: Draft) => void;
  /** The last failed save, for the server's per-field messages. */
  error: unknown;
  /** Problems found before sending, by field name. */
  problems: Record<string, string>;
  /** The short form for a new application; Details shows everything. */
  compact?: boolean;
};

export function ApplicationFields({ draft, onChange, error, problems, compact = false }: Props) {
  const meta = useMeta().data;
  const set = (name: keyof Draft) => (event: { target: { value: string } }) =>
    onChange({ ...draft, [name]: event.target.value });
  const problem = (name: keyof Draft) => problems[name] ?? fieldError(error, name);

  const stages: Option[] = (meta?.stages ?? []).map((stage) => ({ value: stage.id, label: stage.label }));
  const priorities: Option[] = (meta?.priorities ?? []).map((choice) => ({
    value: choice.id,
    label: choice.label,
  }));
  const workModes: Option[] = [
    { value: "", label: "Not set" },
    ...(meta?.work_modes ?? []).map((choice) => ({ value: choice.id, label: choice.label })),
  ];

  return (
    <div className="form-grid">
      <TextField
        label="Company"
        value={draft.company}
        onChange={set("company")}
        required
        maxLength={200}
        autoComplete="organization"
        error={problem("company")}
      />
      <TextField
        label="Role"
        value={draft.role}
        onChange={set("role")}
        required
        maxLength={200}
        autoComplete="organization-title"
        error={problem("role")}
      />
      <SelectField
        label="Stage"
        value={draft.stage}
        onChange={set("stage")}
        options={stages}
        error={problem("stage")}
      />
      <SelectField
        label="Priority"
        value={draft.priority}
        onChange={set("priority")}
        options={priorities}
        error={problem("priority")}
      />
      <TextField
        label="Job URL"
        type="url"
        inputMode="url"
        placeholder="https://"
        value={draft.job_url}
        onChange={set("job_url")}
        maxLength={2000}
        className="span-2"
        error={problem("job_url")}
      />
      <TextField
        label="Location"
        value={draft.location}
        onChange={set("location")}
        maxLength={200}
        error={problem("location")}
      />
      <SelectField
        label="Work mode"
        value={draft.work_mode}
        onChange={set("work_mode")}
        options={workModes}
        error={problem("work_mode")}
      />
      {!compact && (
        <>
          <TextField
            label="Salary min"
            inputMode="numeric"
            value={draft.salary_min}
            onChange={set("salary_min")}
            error={problem("salary_min")}
          />
          <TextField
            label="Salary max"
            inputMode="numeric"
            value={draft.salary_max}
            onChange={set("salary_max")}
            error={problem("salary_max")}
          />
          <TextField
            label="Currency"
            value={draft.salary_currency}
            onChange={set("salary_currency")}
            maxLength={3}
            placeholder="EUR"
            hint="Three letters, like EUR or USD."
            error={problem("salary_currency")}
          />
          <TextField
            label="Source"
            value={draft.source}
            onChange={set("source")}
            maxLength={200}
            placeholder="Referral, LinkedIn, careers page…"
            error={problem("source")}
          />
          <TextField
            label="Applied on"
            type="date"
            value={draft.applied_on}
            onChange={set("applied_on")}
            error={problem("applied_on")}
          />
        </>
      )}
      <TextField
        label="Deadline"
        type="date"
        value={draft.deadline}
        onChange={set("deadline")}
        error={problem("deadline")}
      />
      <TextField
        label="Tags"
        value={draft.tags}
        onChange={set("tags")}
        hint="Separate tags with commas, like: remote, python, dream job."
        className={compact ? undefined : "span-2"}
        error={problem("tags")}
      />
      {!compact && (
        <TextAreaField
          label="Job description"
          value={draft.job_description}
          onChange={set("job_description")}
          rows={6}
          className="span-2"
          error={problem("job_description")}
        />
      )}
      <TextAreaField
        label="Notes"
        value={draft.notes}
        onChange={set("notes")}
        rows={compact ? 3 : 5}
        className="span-2"
        error={problem("notes")}
      />
    </div>
  );
}
