// Import a spreadsheet: choose a CSV, map its columns to fields, check the preview, import all.
import { useState, type ChangeEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { Link } from "wouter";

import { ApiError, fieldError } from "../../api/client";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { plural } from "../../lib/format";
import { useTitle } from "../../lib/useTitle";
import {
  previewImport,
  useImportApplications,
  type ColumnMapping,
  type ImportFieldName,
  type ImportPreview,
  type ImportRequest,
  type ParsedRow,
} from "./queries";
import "./portability.css";

const DELIMITERS: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab" };

export default function ImportPage() {
  useTitle("Import applications");
  const [file, setFile] = useState<File | null>(null);
  // What the person chose in the mapping table; null until they change the guessed one.
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  // Remounts the file input after an import, so the same file can be chosen again.
  const [round, setRound] = useState(0);
  const previewing = useMutation({ mutationFn: previewImport });
  const importing = useImportApplications();

  function showPreview(request: ImportRequest) {
    importing.reset();
    // Per-call callbacks fire for the latest call only: a slow earlier answer cannot win.
    previewing.mutate(request, { onSuccess: setPreview });
  }

  function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0] ?? null;
    setFile(chosen);
    setMapping(null);
    setPreview(null);
    if (chosen) showPreview({ file: chosen, mapping: null });
    else previewing.reset();
  }

  function mapColumn(column: string, field: string) {
    if (!file || !preview) return;
    const next: ColumnMapping = {
      ...(mapping ?? preview.mapping),
      [column]: field ? (field as ImportFieldName) : null,
    };
    setMapping(next);
    showPreview({ file, mapping: next });
  }

  function startImport() {
    if (!file || !preview) return;
    importing.mutate(
      { file, mapping: mapping ?? preview.mapping },
      {
        onSuccess: () => {
          setFile(null);
          setMapping(null);
          setPreview(null);
          previewing.reset();
          setRound((value) => value + 1);
        },
      },
    );
  }

  const shownMapping = mapping ?? preview?.mapping ?? {};
  const valid = preview?.counts.valid ?? 0;
  const blocked =
    !preview ||
    previewing.isPending ||
    previewing.isError ||
    preview.counts.invalid > 0 ||
    preview.missing_fields.length > 0 ||
    valid === 0 ||
    preview.quota.fits < valid;

  return (
    <div className="page import-page">
      <header className="page-header">
        <h1>Import applications</h1>
      </header>
      <p className="muted">
        Bring in a spreadsheet of applications saved as CSV (from Excel, LibreOffice, Google
        Sheets, or an export from Job Tracker). You will see what it creates before anything is
        saved, and the file is imported whole or not at all.
      </p>

      {importing.data && (
        <div className="alert alert-success" role="status">
          <strong>Imported {plural(importing.data.imported, "application")}.</strong>{" "}
          <Link href="/">See them on your board</Link>
        </div>
      )}

      <section className="panel" aria-labelledby="import-file">
        <h2 id="import-file">1. Choose a file</h2>
        <TextField
          key={round}
          label="CSV file"
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/plain"
          onChange={chooseFile}
          hint="Comma, semicolon or tab separated; the first line names the columns."
          error={fieldError(previewing.error, "file")}
        />
        {previewing.isPending && <Loading>Reading the file…</Loading>}
        {!fieldError(previewing.error, "file") && !fieldError(previewing.error, "mapping") && (
          <ErrorAlert title="The file could not be read." error={previewing.error} />
        )}
        {preview && <FileNotes preview={preview} />}
      </section>

      {preview && (
        <>
          <MappingTable
            preview={preview}
            mapping={shownMapping}
            onChange={mapColumn}
            error={fieldError(previewing.error, "mapping") ? previewing.error : null}
          />
          <PreviewRows preview={preview} />
          <section className="panel" aria-labelledby="import-confirm">
            <h2 id="import-confirm">4. Import</h2>
            <Summary preview={preview} />
            <div className="form-actions">
              <Button
                variant="primary"
                busy={importing.isPending}
                disabled={blocked}
                onClick={startImport}
              >
                Import {plural(valid, "application")}
              </Button>
              <Link href="/">Cancel</Link>
            </div>
            <ImportError error={importing.error} />
          </section>
        </>
      )}
    </div>
  );
}

function FileNotes({ preview }: { preview: ImportPreview }) {
  return (
    <div className="small muted">
      <p>
        Read as {preview.encoding.toUpperCase()}, {DELIMITERS[preview.delimiter] ?? "delimiter"}{" "}
        separated: {plural(preview.columns.length, "column")},{" "}
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
      <h2 id="import-mapping">2. Match the columns</h2>
      <p className="muted small">
        Choose the field each column fills, or Ignore it. Company and Role are required.
      </p>
      <div className="table-wrap">
        <table className="data-table import-mapping">
          <thead>
            <tr>
              <th scope="col">CSV column</th>
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
          Map a column to {preview.missing_fields.map((name) => labels.get(name) ?? name).join(" and ")}.
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
  const labels = new Map(preview.fields.map((field) => [field.name, field.label]));
  const mapped = preview.fields
    .map((field) => field.name)
    .filter((name) => Object.values(preview.mapping).includes(name));
  return (
    <section className="panel" aria-labelledby="import-preview">
      <h2 id="import-preview">3. Check the first rows</h2>
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
                <th scope="col">Line</th>
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
                      {cell(row.values[name])}
                      {row.errors[name] && <span className="field-error">{row.errors[name]}</span>}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LineErrors rows={preview.invalid_rows} total={preview.counts.invalid} labels={labels} />
    </section>
  );
}

function hasErrors(row: ParsedRow): boolean {
  return Object.keys(row.errors).length > 0;
}

function LineErrors({
  rows,
  total,
  labels,
}: {
  rows: ParsedRow[];
  total: number;
  labels: Map<string, string>;
}) {
  if (rows.length === 0) return null;
  return (
    <div className="alert alert-error import-errors" role="alert">
      <strong>
        {plural(total, "row has errors", "rows have errors")}; nothing is imported until they are
        fixed in the file (or those rows left out).
      </strong>
      <ul>
        {rows.map((row) => (
          <li key={row.line}>
            Line {row.line}:{" "}
            {Object.entries(row.errors)
              .map(([field, message]) => `${labels.get(field) ?? field}: ${message}`)
              .join("; ")}
          </li>
        ))}
      </ul>
      {total > rows.length && <p>…and {total - rows.length} more.</p>}
    </div>
  );
}

function Summary({ preview }: { preview: ImportPreview }) {
  const { counts, quota } = preview;
  return (
    <div role="status" className="import-summary">
      <p>
        <strong>{plural(counts.valid, "row", "rows")} will be created</strong>
        {counts.invalid > 0 && `, ${plural(counts.invalid, "row")} with errors will not`}.
      </p>
      {quota.limit !== null && quota.available !== null && (
        <p className={quota.fits < counts.valid ? "field-error" : "muted"}>
          You have {quota.used} of {quota.limit} applications, so {quota.available} more fit.
          {quota.fits < counts.valid &&
            ` Only ${quota.fits} of these ${counts.valid} rows fit under the limit: leave rows ` +
              "out of the file, or delete applications you no longer need, then import."}
        </p>
      )}
    </div>
  );
}

function ImportError({ error }: { error: unknown }) {
  if (!error) return null;
  const lines = error instanceof ApiError ? Object.entries(error.fields) : [];
  return (
    <ErrorAlert
      title="Nothing was imported."
      error={error}
      action={
        lines.length > 0 && (
          <ul>
            {lines.map(([where, message]) => (
              <li key={where}>
                {where}: {message}
              </li>
            ))}
          </ul>
        )
      }
    />
  );
}
