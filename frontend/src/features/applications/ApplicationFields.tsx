// The inputs of an application, labelled by their names; used by "New application" and Details.
import type { ReactNode } from "react";

import { fieldError } from "../../api/client";
import { useMeta } from "../../api/hooks";
import { SelectField, TextAreaField, TextField, type Option } from "../../components/Field";
import type { Draft, Sources } from "./draft";
import type { FieldSource } from "./queries";

const EMPLOYMENT_TYPES: Option[] = [
  { value: "", label: "Not set" },
  { value: "full_time", label: "Full-time" },
  { value: "part_time", label: "Part-time" },
  { value: "contract", label: "Contract" },
  { value: "temporary", label: "Temporary" },
  { value: "internship", label: "Internship" },
  { value: "volunteer", label: "Volunteer" },
  { value: "other", label: "Other" },
];
const SALARY_PERIODS: Option[] = [
  { value: "", label: "Per year" }, // nothing stored means per year
  { value: "month", label: "Per month" },
  { value: "week", label: "Per week" },
  { value: "day", label: "Per day" },
  { value: "hour", label: "Per hour" },
];

/** The badge beside a filled-in field: where its value was read. */
function sourceLabel(source: FieldSource, board: string | null | undefined): string {
  if (source === "ai") return "AI-filled";
  if (source === "job_board") return board ? `from ${board}` : "from the job board";
  if (source === "page_text") return "from the posting's text";
  return "from the page";
}

type Props = {
  draft: Draft;
  onChange: (draft: Draft) => void;
  /** The last failed save, for the server's per-field messages. */
  error: unknown;
  /** Problems found before sending, by field name. */
  problems: Record<string, string>;
  /** The short form for a new application; Details shows everything. */
  compact?: boolean;
  /** Where capture found each filled-in field, shown as a badge under it. */
  sources?: Sources;
  /** The job board capture read, for the badges ("from Greenhouse"). */
  board?: string | null;
};

export function ApplicationFields({
  draft,
  onChange,
  error,
  problems,
  compact = false,
  sources = {},
  board,
}: Props) {
  const meta = useMeta().data;
  const set = (name: keyof Draft) => (event: { target: { value: string } }) =>
    onChange({ ...draft, [name]: event.target.value });
  const problem = (name: keyof Draft) => problems[name] ?? fieldError(error, name);
  const hint = (name: keyof Draft, text?: ReactNode): ReactNode => {
    const source = sources[name];
    if (!source) return text;
    return (
      <>
        <span className={`badge${source === "ai" ? " badge-accent" : ""}`}>
          {sourceLabel(source, board)}
        </span>{" "}
        {text}
      </>
    );
  };

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
        hint={hint("company")}
        error={problem("company")}
      />
      <TextField
        label="Role"
        value={draft.role}
        onChange={set("role")}
        required
        maxLength={200}
        autoComplete="organization-title"
        hint={hint("role")}
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
        hint={hint("job_url")}
        error={problem("job_url")}
      />
      <TextField
        label="Location"
        value={draft.location}
        onChange={set("location")}
        maxLength={200}
        hint={hint("location")}
        error={problem("location")}
      />
      <SelectField
        label="Work mode"
        value={draft.work_mode}
        onChange={set("work_mode")}
        options={workModes}
        hint={hint("work_mode")}
        error={problem("work_mode")}
      />
      <TextField
        label="Salary min"
        inputMode="numeric"
        value={draft.salary_min}
        onChange={set("salary_min")}
        hint={hint("salary_min")}
        error={problem("salary_min")}
      />
      <TextField
        label="Salary max"
        inputMode="numeric"
        value={draft.salary_max}
        onChange={set("salary_max")}
        hint={hint("salary_max")}
        error={problem("salary_max")}
      />
      <TextField
        label="Currency"
        value={draft.salary_currency}
        onChange={set("salary_currency")}
        maxLength={3}
        placeholder="EUR"
        hint={hint("salary_currency", "Three letters, like EUR or USD.")}
        error={problem("salary_currency")}
      />
      <SelectField
        label="Salary period"
        value={draft.salary_period}
        onChange={set("salary_period")}
        options={SALARY_PERIODS}
        hint={hint("salary_period")}
        error={problem("salary_period")}
      />
      <SelectField
        label="Employment type"
        value={draft.employment_type}
        onChange={set("employment_type")}
        options={EMPLOYMENT_TYPES}
        hint={hint("employment_type")}
        error={problem("employment_type")}
      />
      <TextField
        label="Posted on"
        type="date"
        value={draft.posted_on}
        onChange={set("posted_on")}
        hint={hint("posted_on")}
        error={problem("posted_on")}
      />
      {!compact && (
        <>
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
        hint={hint("deadline")}
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
      <TextAreaField
        label="Job description"
        value={draft.job_description}
        onChange={set("job_description")}
        rows={compact ? 4 : 6}
        className="span-2"
        hint={hint("job_description")}
        error={problem("job_description")}
      />
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
