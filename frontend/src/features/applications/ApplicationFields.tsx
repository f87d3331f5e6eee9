// The inputs of an application, labelled by their names; used by "New application" and Details.
import type { ReactNode } from "react";

import { fieldError } from "../../api/client";
import { useMeta } from "../../api/hooks";
import { SelectField, TextAreaField, TextField, type Option } from "../../components/Field";
import {
  characterCount,
  EARLIEST_DATE,
  LATEST_DATE,
  liveProblems,
  TEXT_LIMITS,
  type Draft,
  type LimitedField,
  type Sources,
} from "./draft";
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
  /**
   * The layout for a new application: company, role, stage, priority and link first, every
   * other field in a "More details" group that can be folded away. Details shows one grid.
   */
  compact?: boolean;
  /** Whether the "More details" group is open (compact only). */
  moreOpen?: boolean;
  onMoreToggle?: (open: boolean) => void;
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
  moreOpen = true,
  onMoreToggle,
  sources = {},
  board,
}: Props) {
  const meta = useMeta().data;
  const set = (name: keyof Draft) => (event: { target: { value: string } }) =>
    onChange({ ...draft, [name]: event.target.value });
  // Said while typing, not only on save: a text over its limit, a date out of bounds.
  const live = liveProblems(draft);
  const problem = (name: keyof Draft) => live[name] ?? problems[name] ?? fieldError(error, name);
  // Nothing is cut off silently: the count shows near the limit, the excess is refused.
  const counter = (name: LimitedField) => ({
    count: characterCount(name, draft[name]),
    limit: TEXT_LIMITS[name],
  });
  const dateBounds = { min: EARLIEST_DATE, max: LATEST_DATE };
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

  const essentials = (
    <>
      <TextField
        label="Company"
        value={draft.company}
        onChange={set("company")}
        required
        counter={counter("company")}
        autoComplete="organization"
        hint={hint("company")}
        error={problem("company")}
      />
      <TextField
        label="Role"
        value={draft.role}
        onChange={set("role")}
        required
        counter={counter("role")}
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
        counter={counter("job_url")}
        className="span-2"
        hint={hint("job_url")}
        error={problem("job_url")}
      />
    </>
  );
  const moreDetails = (
    <>
      <TextField
        label="Location"
        value={draft.location}
        onChange={set("location")}
        counter={counter("location")}
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
        {...dateBounds}
        onChange={set("posted_on")}
        hint={hint("posted_on")}
        error={problem("posted_on")}
      />
      <TextField
        label="Source"
        value={draft.source}
        onChange={set("source")}
        counter={counter("source")}
        placeholder="Referral, LinkedIn, careers page…"
        hint={hint("source")}
        error={problem("source")}
      />
      <TextField
        label="Applied on"
        type="date"
        value={draft.applied_on}
        {...dateBounds}
        onChange={set("applied_on")}
        hint={hint("applied_on")}
        error={problem("applied_on")}
      />
      <TextField
        label="Deadline"
        type="date"
        value={draft.deadline}
        {...dateBounds}
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
        counter={counter("job_description")}
        rows={compact ? 4 : 6}
        className="span-2"
        hint={hint("job_description")}
        error={problem("job_description")}
      />
      <TextAreaField
        label="Notes"
        value={draft.notes}
        onChange={set("notes")}
        counter={counter("notes")}
        rows={compact ? 3 : 5}
        className="span-2"
        error={problem("notes")}
      />
    </>
  );

  if (!compact) {
    return (
      <div className="form-grid">
        {essentials}
        {moreDetails}
      </div>
    );
  }
  return (
    <>
      <div className="form-grid">{essentials}</div>
      <details
        className="more-details"
        open={moreOpen}
        onToggle={(event) => onMoreToggle?.(event.currentTarget.open)}
      >
        <summary>More details</summary>
        <div className="form-grid">{moreDetails}</div>
      </details>
    </>
  );
}
