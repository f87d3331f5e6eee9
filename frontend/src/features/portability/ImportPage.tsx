// Import a spreadsheet: choose a CSV or workbook, answer what the preview asks (stages for
// status words, date order, extra columns, duplicates, cells to fix), then import the rows
// that are ready with a progress bar; the rows left out can be downloaded to fix.
import { useState, type ChangeEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { Link } from "wouter";

import { ApiError, fieldError, messageOf, type Meta } from "../../api/client";
import { labelOf, useMeta } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { formatSalary, plural } from "../../lib/format";
import { useTitle } from "../../lib/useTitle";
import {
  downloadRejected,
  previewImport,
  useImportApplications,
  type ColumnMapping,
  type DateOrder,
  type ExtraPlacement,
  type ImportFieldName,
  type ImportOptions,
  type ImportPreview,
  type ImportProgressState,
  type ImportRequest,
  type ParsedRow,
  type RowProblem,
  type Stage,
} from "./queries";
import "./portability.css";

const DELIMITERS: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab" };
const ACCEPT = ".csv,.tsv,.txt,.xlsx,text/csv,text/plain";

type StageChoice = { id: string; label: string };

export default function ImportPage() {
  useTitle("Import applications");
  const [file, setFile] = useState<File | null>(null);
  // What the person chose in the mapping table; null until they change the guessed one.
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [options, setOptions] = useState<ImportOptions>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [progress, setProgress] = useState<ImportProgressState | null>(null);
  // Remounts the file input after an import, so the same file can be chosen again.
  const [round, setRound] = useState(0);
  const previewing = useMutation({ mutationFn: previewImport });
  const importing = useImportApplications(setProgress);
  const downloading = useMutation({ mutationFn: downloadRejected });
  const stages: StageChoice[] = useMeta().data?.stages ?? [];

  function showPreview(request: ImportRequest) {
    importing.reset();
    // Per-call callbacks fire for the latest call only: a slow earlier answer cannot win.
    previewing.mutate(request, { onSuccess: setPreview });
  }

  function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0] ?? null;
    setFile(chosen);
    setMapping(null);
    setOptions({});
    setPreview(null);
    if (chosen) showPreview({ file: chosen, mapping: null, options: {} });
    else previewing.reset();
  }

  function answer(next: ImportOptions) {
    const merged = { ...options, ...next };
    setOptions(merged);
    if (file) showPreview({ file, mapping, options: merged });
  }

  function mapColumn(column: string, field: string) {
    if (!file || !preview) return;
    const next: ColumnMapping = {
      ...(mapping ?? preview.mapping),
      [column]: field ? (field as ImportFieldName) : null,
    };
    setMapping(next);
    showPreview({ file, mapping: next, options });
  }

  function startImport() {
    if (!file || !preview) return;
    setProgress({ sent: 0, done: 0, total: null });
    importing.mutate(
      { file, mapping: mapping ?? preview.mapping, options },
      {
        onSuccess: () => {
          setFile(null);
          setMapping(null);
          setOptions({});
          setPreview(null);
          previewing.reset();
          setRound((value) => value + 1);
        },
        onSettled: () => setProgress(null),
      },
    );
  }

  const request = file ? { file, mapping: mapping ?? preview?.mapping ?? null, options } : null;
  const ready = preview ? preview.counts.to_create + preview.counts.to_update : 0;
  const blocked =
    !preview ||
    previewing.isPending ||
    previewing.isError ||
    preview.missing_fields.length > 0 ||
    ready === 0 ||
    preview.quota.fits < preview.counts.to_create;
  const unknownStatuses = preview?.statuses.some((status) => !status.known) ?? false;

  return (
    <div className="page import-page">
      <header className="page-header">
        <h1>Import applications</h1>
      </header>
      <p className="muted">
        Bring in a spreadsheet of applications (CSV or Excel workbook) from another tracker, Excel,
        Google Sheets or a Job Tracker export. You will see what it creates and answer a few
        questions before anything is saved; rows with a problem never stop the others.
      </p>

      {importing.data && <ImportDone result={importing.data} />}

      <section className="panel" aria-labelledby="import-file">
        <h2 id="import-file">Choose a file</h2>
        <TextField
          key={round}
          label="Spreadsheet file"
          type="file"
          accept={ACCEPT}
          onChange={chooseFile}
          hint="CSV (comma, semicolon or tab separated) or .xlsx; the first line names the columns."
          error={fieldError(previewing.error, "file")}
        />
        {previewing.isPending && <Loading>Reading the file…</Loading>}
        {!fieldError(previewing.error, "file") && !fieldError(previewing.error, "mapping") && (
          <ErrorAlert title="The file could not be read." error={previewing.error} />
        )}
        {preview?.format && (
          <p className="alert alert-info import-format" role="status">
            <strong>{preview.format.description}.</strong> The columns are matched the way that
            tool exports them; check them below.
          </p>
        )}
        {preview && preview.sheets.length > 1 && (
          <label className="field">
            <span className="field-label">Sheet</span>
            <select
              value={preview.sheet ?? ""}
              onChange={(event) => answer({ sheet: event.target.value })}
            >
              {preview.sheets.map((sheet) => (
                <option key={sheet} value={sheet}>
                  {sheet}
                </option>
              ))}
            </select>
          </label>
        )}
        {preview && <FileNotes preview={preview} />}
      </section>

      {preview && (
        <>
          {unknownStatuses && (
            <StatusTable preview={preview} stages={stages} options={options} onAnswer={answer} />
          )}
          <DateQuestions preview={preview} onAnswer={answer} options={options} />
          <MappingTable
            preview={preview}
            mapping={mapping ?? preview.mapping}
            onChange={mapColumn}
            error={fieldError(previewing.error, "mapping") ? previewing.error : null}
          />
          {!unknownStatuses && preview.statuses.length > 0 && (
            <StatusTable preview={preview} stages={stages} options={options} onAnswer={answer} />
          )}
          <ExtraColumns preview={preview} options={options} onAnswer={answer} />
          <Duplicates preview={preview} options={options} onAnswer={answer} />
          <Problems preview={preview} options={options} onAnswer={answer} />
          <PreviewRows preview={preview} />
          <section className="panel" aria-labelledby="import-confirm">
            <h2 id="import-confirm">Import</h2>
            <Summary preview={preview} />
            <div className="form-actions">
              <Button
                variant="primary"
                busy={importing.isPending}
                disabled={blocked}
                onClick={startImport}
              >
                Import {plural(ready, "application")}
              </Button>
              {request && preview.counts.invalid + preview.counts.left_out > 0 && (
                <Button
                  busy={downloading.isPending}
                  onClick={() => downloading.mutate(request)}
                >
                  Download the rows left out (CSV)
                </Button>
              )}
              <Link href="/">Cancel</Link>
            </div>
            {progress && <ImportProgressBar progress={progress} />}
            <ErrorAlert title="The rows left out could not be downloaded." error={downloading.error} />
            <ImportError error={importing.error} />
          </section>
        </>
      )}
    </div>
  );
}

function ImportDone({ result }: { result: { imported: number; updated: number; skipped: number; left_out: number } }) {
  const parts = [
    result.updated > 0 && `updated ${plural(result.updated, "application")}`,
    result.skipped > 0 && `skipped ${plural(result.skipped, "duplicate")}`,
    result.left_out > 0 && `left out ${plural(result.left_out, "row")}`,
  ].filter(Boolean);
  return (
    <div className="alert alert-success" role="status">
      <strong>Imported {plural(result.imported, "application")}</strong>
      {parts.length > 0 && `; ${parts.join(", ")}`}. <Link href="/">See them on your board</Link>
    </div>
  );
}

function ImportProgressBar({ progress }: { progress: ImportProgressState }) {
  const sending = progress.sent < 100;
  const value = sending
    ? progress.sent
    : progress.total
      ? Math.round((progress.done / progress.total) * 100)
      : 0;
  const label = sending
    ? `Sending the file… ${progress.sent}%`
    : progress.total
      ? `Saving applications… ${progress.done} of ${progress.total}`
      : "Reading the rows…";
  return (
    <div className="import-progress">
      <progress max={100} value={value} aria-label="Import progress" />
      <span className="small muted" role="status">
        {label}
      </span>
    </div>
  );
}

function FileNotes({ preview }: { preview: ImportPreview }) {
  const source = preview.sheet
    ? `Read from the sheet ${preview.sheet}`
    : `Read as ${preview.encoding.toUpperCase()}, ${DELIMITERS[preview.delimiter] ?? "delimiter"} separated`;
  return (
    <div className="small muted">
      <p>
        {source}: {plural(preview.columns.length, "column")},{" "}
        {plural(preview.counts.rows, "row")} below the header.
      </p>
      {preview.notes.length > 0 && (
        <ul>
          {preview.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

type Answering = {
  preview: ImportPreview;
  options: ImportOptions;
  onAnswer: (next: ImportOptions) => void;
};

function StatusTable({ preview, stages, options, onAnswer }: Answering & { stages: StageChoice[] }) {
  const chosen = options.status_map ?? {};
  const unanswered = preview.statuses.filter((status) => status.stage === null);
  function choose(value: string, stage: string) {
    const next = { ...chosen };
    if (stage) next[value] = stage as Stage;
    else delete next[value];
    onAnswer({ status_map: next });
  }
  function restInWishlist() {
    const next = { ...chosen };
    for (const status of unanswered) next[status.value] = "wishlist";
    onAnswer({ status_map: next });
  }
  return (
    <section className="panel" aria-labelledby="import-statuses">
      <h2 id="import-statuses">Stages for the file's statuses</h2>
      {unanswered.length > 0 ? (
        <p className="field-error" role="alert">
          Choose a stage for {plural(unanswered.length, "status", "statuses")} we don't know;
          their rows wait until you do.
        </p>
      ) : (
        <p className="muted small">Each status in the file becomes the stage shown; change any.</p>
      )}
      <div className="table-wrap">
        <table className="data-table import-statuses">
          <thead>
            <tr>
              <th scope="col">Status in the file</th>
              <th scope="col">Rows</th>
              <th scope="col">Stage</th>
            </tr>
          </thead>
          <tbody>
            {preview.statuses.map((status) => (
              <tr key={status.value}>
                <th scope="row" className="wrap">
                  {status.value}
                </th>
                <td>{status.rows}</td>
                <td>
                  <select
                    aria-label={`Stage for ${status.value}`}
                    value={status.stage ?? ""}
                    onChange={(event) => choose(status.value, event.target.value)}
                  >
                    {status.stage === null && <option value="">Choose a stage…</option>}
                    {stages.map((stage) => (
                      <option key={stage.id} value={stage.id}>
                        {stage.label}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {unanswered.length > 1 && (
        <Button size="small" onClick={restInWishlist}>
          Put the rest in Wishlist
        </Button>
      )}
    </section>
  );
}

function DateQuestions({ preview, onAnswer, options }: Answering) {
  const asked = preview.date_columns.filter((column) => column.ambiguous);
  if (asked.length === 0) return null;
  function choose(column: string, order: DateOrder) {
    onAnswer({ date_orders: { ...options.date_orders, [column]: order } });
  }
  return (
    <section className="panel" aria-labelledby="import-dates">
      <h2 id="import-dates">How are the dates written?</h2>
      {asked.map((column) => (
        <fieldset key={column.column} className="import-date-order">
          <legend>
            In “{column.column}”, is 3/4/2026 the 4th of March or the 3rd of April?
          </legend>
          <label>
            <input
              type="radio"
              name={`order-${column.column}`}
              checked={column.order === "month_first"}
              onChange={() => choose(column.column, "month_first")}
            />{" "}
            Month first: 3/4/2026 is March 4
          </label>
          <label>
            <input
              type="radio"
              name={`order-${column.column}`}
              checked={column.order === "day_first"}
              onChange={() => choose(column.column, "day_first")}
            />{" "}
            Day first: 3/4/2026 is 3 April
          </label>
        </fieldset>
      ))}
    </section>
  );
}

function ExtraColumns({ preview, options, onAnswer }: Answering) {
  if (preview.extra_columns.length === 0) return null;
  function place(column: string, placement: string) {
    const value: ExtraPlacement | null = placement ? (placement as ExtraPlacement) : null;
    onAnswer({ extra_columns: { ...options.extra_columns, [column]: value } });
  }
  return (
    <section className="panel" aria-labelledby="import-extra">
      <h2 id="import-extra">Columns with no field</h2>
      <p className="muted small">
        Keep what they say in each application's notes (“Excitement: 4 · Source: LinkedIn”) or as
        tags, or leave them out.
      </p>
      <ul className="import-extra-list">
        {preview.extra_columns.map((extra) => (
          <li key={extra.column}>
            <label>
              <span className="wrap">
                {extra.column}
                {extra.sample && <span className="muted"> (e.g. {extra.sample})</span>}
              </span>{" "}
              <select
                aria-label={`Keep ${extra.column}`}
                value={extra.placement ?? ""}
                onChange={(event) => place(extra.column, event.target.value)}
              >
                <option value="notes">Into notes</option>
                <option value="tags">As tags</option>
                <option value="">Leave out</option>
              </select>
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Duplicates({ preview, options, onAnswer }: Answering) {
  if (preview.duplicates.length === 0) return null;
  const choice = options.duplicates ?? "skip";
  return (
    <section className="panel" aria-labelledby="import-duplicates">
      <h2 id="import-duplicates">Already tracked</h2>
      <fieldset className="import-duplicate-choice">
        <legend>Rows that match an application you have</legend>
        <label>
          <input
            type="radio"
            name="duplicates"
            checked={choice === "skip"}
            onChange={() => onAnswer({ duplicates: "skip" })}
          />{" "}
          Skip them
        </label>
        <label>
          <input
            type="radio"
            name="duplicates"
            checked={choice === "update"}
            onChange={() => onAnswer({ duplicates: "update" })}
          />{" "}
          Update the existing one with what the file gives
        </label>
      </fieldset>
      <ul className="import-duplicates">
        {preview.duplicates.map((duplicate) => (
          <li key={duplicate.line}>
            Row {duplicate.line}: {duplicate.company}, {duplicate.role} —{" "}
            {duplicate.matched_id !== null ? (
              <>
                matches{" "}
                <Link href={`/applications/${duplicate.matched_id}`}>
                  {duplicate.matched_company}, {duplicate.matched_role}
                </Link>{" "}
                ({duplicate.action === "update" ? "will be updated" : "skipped"})
              </>
            ) : (
              <>repeats row {duplicate.matched_line} of this file (skipped)</>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Problems({ preview, options, onAnswer }: Answering) {
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const skipped = new Set(options.skip_lines ?? []);
  const listed = [
    ...preview.problems,
    // Rows left out keep a line here, so they can be brought back.
    ...[...skipped]
      .filter((line) => !preview.problems.some((problem) => problem.line === line))
      .map(
        (line): RowProblem => ({
          line,
          column: null,
          field: "",
          value: "",
          message: `Row ${line} is left out.`,
        }),
      ),
  ];
  if (listed.length === 0) return null;
  const key = (problem: RowProblem) => `${problem.line}:${problem.column ?? ""}`;

  function fix(problem: RowProblem) {
    if (problem.column === null) return;
    const text = drafts[key(problem)];
    if (text === undefined || text === problem.value) return;
    const line = String(problem.line);
    const fixes = { ...options.fixes, [line]: { ...options.fixes?.[line], [problem.column]: text } };
    onAnswer({ fixes });
  }
  function leaveOut(line: number, out: boolean) {
    const next = new Set(skipped);
    if (out) next.add(line);
    else next.delete(line);
    onAnswer({ skip_lines: [...next].sort((a, b) => a - b) });
  }
  const total = preview.counts.problems;
  return (
    <section className="panel" aria-labelledby="import-problems">
      <h2 id="import-problems">Rows to fix</h2>
      <p className="muted small">
        {plural(total, "row has a problem", "rows have a problem")}: fix the cell here, or leave
        the row out. The other rows import either way.
      </p>
      <ul className="import-problems">
        {listed.map((problem) => (
          <li key={key(problem)}>
            <p className={skipped.has(problem.line) ? "muted" : "field-error"}>{problem.message}</p>
            <div className="import-fix">
              {problem.column !== null && !skipped.has(problem.line) && (
                <label>
                  <span className="visually-hidden">
                    Row {problem.line}, {problem.field}
                  </span>
                  <input
                    type="text"
                    aria-label={`Row ${problem.line}, ${problem.field}`}
                    value={drafts[key(problem)] ?? problem.value}
                    onChange={(event) =>
                      setDrafts({ ...drafts, [key(problem)]: event.target.value })
                    }
                    onBlur={() => fix(problem)}
                    onKeyDown={(event) => {
                      if (event.key === "Enter") fix(problem);
                    }}
                  />
                </label>
              )}
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={skipped.has(problem.line)}
                  onChange={(event) => leaveOut(problem.line, event.target.checked)}
                />{" "}
                Leave row {problem.line} out
              </label>
            </div>
          </li>
        ))}
      </ul>
      {total > preview.problems.length && (
        <p className="muted small">
          …and more: download the rows left out, fix them in the file and import it again.
        </p>
      )}
    </section>
  );
}

function MappingTable({
  preview,
  mapping,
  onChange,
  error,
}: {
  preview: ImportPreview;
  mapping: ColumnMapping;
  onChange: (column: string, field: string) => void;
  error: unknown;
}) {
  const labels = new Map(preview.fields.map((field) => [field.name, field.label]));
  return (
    <section className="panel" aria-labelledby="import-mapping">
      <h2 id="import-mapping">Match the columns</h2>
      <p className="muted small">
        Choose the field each column fills, or Ignore it. Company and Role are required.
      </p>
      <div className="table-wrap">
        <table className="data-table import-mapping">
          <thead>
            <tr>
              <th scope="col">Column in the file</th>
              <th scope="col">Field</th>
              <th scope="col">First value</th>
            </tr>
          </thead>
          <tbody>
            {preview.columns.map((column, index) => (
              <tr key={column}>
                <th scope="row" className="wrap">
                  {column}
                </th>
                <td>
                  <select
                    aria-label={`Field for ${column}`}
                    value={mapping[column] ?? ""}
                    onChange={(event) => onChange(column, event.target.value)}
                  >
                    <option value="">Ignore</option>
                    {preview.fields.map((field) => (
                      <option key={field.name} value={field.name}>
                        {field.label}
                        {field.required ? " (required)" : ""}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="wrap muted">{preview.sample[0]?.[index] ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.missing_fields.length > 0 && (
        <p className="field-error" role="alert">
          Map a column to{" "}
          {preview.missing_fields.map((name) => labels.get(name) ?? "a required field").join(" and ")}.
        </p>
      )}
      <ErrorAlert title="This mapping does not fit." error={error} />
    </section>
  );
}

function cell(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.join(", ") || "—";
  return String(value);
}

function PreviewRows({ preview }: { preview: ImportPreview }) {
  const meta = useMeta().data;
  const labels = new Map(preview.fields.map((field) => [field.name, field.label]));
  const mapped = preview.fields
    .map((field) => field.name)
    .filter((name) => Object.values(preview.mapping).includes(name));
  return (
    <section className="panel" aria-labelledby="import-preview">
      <h2 id="import-preview">Check the first rows</h2>
      {preview.rows.length === 0 ? (
        <p className="muted">The file has no rows below its header.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table import-preview">
            <caption className="visually-hidden">
              The first {plural(preview.rows.length, "row")} as they will be created
            </caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                {mapped.map((name) => (
                  <th key={name} scope="col">
                    {labels.get(name) ?? name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <tr key={row.line} className={hasErrors(row) ? "import-row-invalid" : undefined}>
                  <td>{row.line}</td>
                  {mapped.map((name) => (
                    <td key={name} className="wrap">
                      {shown(row, name, meta)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A valid row's value as the application will show it (stage labels, one salary range); a
 * row with a problem shows its cells as the file has them. */
function shown(row: ParsedRow, name: string, meta: Meta | undefined): string {
  const values = row.values;
  if (hasErrors(row)) return cell(values[name]);
  if (name === "salary") {
    const money = (key: string) => values[key] as number | null | undefined;
    const currency = values.salary_currency as string | null | undefined;
    return formatSalary(money("salary_min"), money("salary_max"), currency) || "—";
  }
  const choices = { stage: meta?.stages, priority: meta?.priorities, work_mode: meta?.work_modes }[
    name
  ];
  const value = values[name];
  return choices && typeof value === "string" ? labelOf(choices, value) : cell(value);
}

function hasErrors(row: ParsedRow): boolean {
  return Object.keys(row.errors).length > 0;
}

function Summary({ preview }: { preview: ImportPreview }) {
  const { counts, quota } = preview;
  const parts = [
    counts.to_update > 0 && `${plural(counts.to_update, "application")} updated`,
    counts.duplicates_skipped > 0 && `${plural(counts.duplicates_skipped, "duplicate")} skipped`,
    counts.problems > 0 && `${plural(counts.problems, "row")} with a problem left out`,
    counts.awaiting_stage > 0 &&
      `${plural(counts.awaiting_stage, "row")} waiting for a stage left out`,
    counts.left_out > 0 && `${plural(counts.left_out, "row")} you left out`,
  ].filter(Boolean);
  return (
    <div role="status" className="import-summary">
      <p>
        <strong>{plural(counts.to_create, "application")} will be created</strong>
        {parts.length > 0 && `; ${parts.join(", ")}`}.
      </p>
      {quota.limit !== null && quota.available !== null && (
        <p className={quota.fits < counts.to_create ? "field-error" : "muted"}>
          You have {quota.used} of {quota.limit} applications, so {quota.available} more fit.
          {quota.fits < counts.to_create &&
            ` Only ${quota.fits} of these ${counts.to_create} fit under the limit: leave rows ` +
              "out, or delete applications you no longer need, then import."}
        </p>
      )}
    </div>
  );
}

function ImportError({ error }: { error: unknown }) {
  if (!error) return null;
  const detail = error instanceof ApiError ? Object.values(error.fields) : [];
  return (
    <ErrorAlert
      title="Nothing was imported."
      error={error}
      action={
        detail.length > 0 && !messageOf(error).includes(detail[0] ?? "") && (
          <ul>
            {detail.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )
      }
    />
  );
}
