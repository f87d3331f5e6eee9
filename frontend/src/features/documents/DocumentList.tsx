// Documents as a list: what each file is, where it was sent, and what can be done with it.
// In the library every action is there; on an application page, preview, download and detach.
import { useState, type FormEvent } from "react";
import { Link } from "wouter";

import { fieldError } from "../../api/client";
import { Button } from "../../components/Button";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField, TextField } from "../../components/Field";
import { Spinner } from "../../components/Loading";
import { formatMoment } from "../../lib/format";
import { formatBytes, kindAndVersion, kindOf } from "./format";
import { PreviewDialog } from "./PreviewDialog";
import {
  contentUrl,
  useApplicationChoices,
  useDeleteDocument,
  useUpdateDocument,
  type Document,
} from "./queries";
import { KindSelect, NewVersionUpload } from "./VersionControls";

/** Where a list is shown: the library, or one application's page. */
export type ListPlace = { applicationId: number } | "library";

export function DocumentList({ documents, place }: { documents: Document[]; place: ListPlace }) {
  const [previewing, setPreviewing] = useState<Document | null>(null);
  return (
    <>
      <ul className="item-list" aria-label="Documents">
        {documents.map((document) => (
          <DocumentItem
            key={document.id}
            document={document}
            place={place}
            onPreview={() => setPreviewing(document)}
          />
        ))}
      </ul>
      <PreviewDialog document={previewing} onClose={() => setPreviewing(null)} />
    </>
  );
}

/** Whether the file's text (for search and the assistant) is read yet, and why not. */
function TextState({ document }: { document: Document }) {
  const note = document.extraction_note;
  if (document.text_status === "pending") {
    return (
      <p className="document-note small muted" role="status">
        <Spinner /> Reading…
      </p>
    );
  }
  if (document.text_status === "unreadable") {
    return (
      <p className="document-note small">
        <strong>Could not be read.</strong> {note}
      </p>
    );
  }
  return note ? <p className="document-note small muted">{note}</p> : null;
}

function DocumentItem({
  document,
  place,
  onPreview,
}: {
  document: Document;
  place: ListPlace;
  onPreview: () => void;
}) {
  const update = useUpdateDocument(document.id);
  const remove = useDeleteDocument(document.id);
  const [editing, setEditing] = useState<"rename" | "attach" | null>(null);
  const linkedIds = document.applications.map((application) => application.id);
  const name = document.filename;

  function detach(applicationId: number) {
    update.mutate({ application_ids: linkedIds.filter((id) => id !== applicationId) });
  }

  function close() {
    update.reset();
    setEditing(null);
  }

  return (
    <li className="item" aria-busy={update.isPending || remove.isPending || undefined}>
      <div className="document-head">
        <span className="badge">{kindOf(document.media_type)}</span>
        <span className="badge badge-kind">{kindAndVersion(document)}</span>
        <span className="document-name">{name}</span>
        {update.isPending && <Spinner />}
      </div>
      <div className="item-meta">
        <span>{formatBytes(document.size_bytes)}</span>
        <span>
          added <time dateTime={document.created_at}>{formatMoment(document.created_at)}</time>
        </span>
      </div>
      {place === "library" && (
        <LinkedApplications document={document} busy={update.isPending} onDetach={detach} />
      )}
      <TextState document={document} />

      {editing === "rename" && (
        <RenameForm
          document={document}
          busy={update.isPending}
          error={update.error}
          onSave={(filename) => update.mutate({ filename }, { onSuccess: () => setEditing(null) })}
          onCancel={close}
        />
      )}
      {editing === "attach" && (
        <AttachForm
          linkedIds={linkedIds}
          busy={update.isPending}
          onAttach={(applicationId) =>
            update.mutate(
              { application_ids: [...linkedIds, applicationId] },
              { onSuccess: () => setEditing(null) },
            )
          }
          onCancel={close}
        />
      )}
      {editing !== "rename" && <ErrorAlert title="Not saved." error={update.error} />}

      <div className="button-row document-actions">
        <KindSelect document={document} />
        <NewVersionUpload
          document={document}
          applicationId={place === "library" ? undefined : place.applicationId}
        />
        <Button size="small" aria-label={`Preview ${name}`} onClick={onPreview}>
          Preview
        </Button>
        <a
          className="button button-small"
          href={contentUrl(document.id)}
          download
          aria-label={`Download ${name}`}
        >
          Download
        </a>
        {place === "library" ? (
          <>
            <Button
              size="small"
              variant="ghost"
              aria-label={`Rename ${name}`}
              aria-expanded={editing === "rename"}
              onClick={() => (editing === "rename" ? close() : setEditing("rename"))}
            >
              Rename
            </Button>
            <Button
              size="small"
              variant="ghost"
              aria-label={`Attach ${name} to an application`}
              aria-expanded={editing === "attach"}
              onClick={() => (editing === "attach" ? close() : setEditing("attach"))}
            >
              Attach
            </Button>
            <ConfirmButton
              size="small"
              label="Delete"
              name={`Delete ${name}`}
              question={deleteQuestion(name, linkedIds.length)}
              confirmLabel="Delete document"
              busy={remove.isPending}
              error={remove.error}
              onConfirm={() => remove.mutate()}
            />
          </>
        ) : (
          <Button
            size="small"
            variant="ghost"
            aria-label={`Detach ${name} from this application`}
            busy={update.isPending}
            onClick={() => detach(place.applicationId)}
          >
            Detach
          </Button>
        )}
      </div>
    </li>
  );
}

function deleteQuestion(name: string, linked: number): string {
  if (linked === 0) return `Delete “${name}”? This cannot be undone.`;
  const where = linked === 1 ? "the application" : `the ${linked} applications`;
  return `Delete “${name}”? It also goes from ${where} it is attached to. This cannot be undone.`;
}

function LinkedApplications({
  document,
  busy,
  onDetach,
}: {
  document: Document;
  busy: boolean;
  onDetach: (applicationId: number) => void;
}) {
  if (document.applications.length === 0) {
    return <p className="document-links small muted">Not attached to any application.</p>;
  }
  return (
    <ul className="document-links" aria-label={`Applications ${document.filename} is attached to`}>
      {document.applications.map((application) => (
        <li key={application.id} className="chip">
          <Link href={`/applications/${application.id}`}>{application.company}</Link>
          <button
            type="button"
            className="chip-remove"
            aria-label={`Detach ${document.filename} from ${application.company}`}
            disabled={busy}
            onClick={() => onDetach(application.id)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

function RenameForm({
  document,
  busy,
  error,
  onSave,
  onCancel,
}: {
  document: Document;
  busy: boolean;
  error: unknown;
  onSave: (filename: string) => void;
  onCancel: () => void;
}) {
  const [filename, setFilename] = useState(document.filename);
  const unchanged = filename.trim() === document.filename;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (unchanged) onCancel();
    else onSave(filename.trim());
  }

  const problem = fieldError(error, "filename");
  return (
    <form className="document-form" onSubmit={submit} aria-label={`Rename ${document.filename}`}>
      <TextField
        label="File name"
        value={filename}
        maxLength={255}
        required
        autoFocus
        onChange={(event) => setFilename(event.target.value)}
        error={problem}
      />
      {!problem && <ErrorAlert title="Not renamed." error={error} />}
      <div className="form-actions">
        <Button type="submit" variant="primary" size="small" busy={busy}>
          Save name
        </Button>
        <Button size="small" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function AttachForm({
  linkedIds,
  busy,
  onAttach,
  onCancel,
}: {
  linkedIds: number[];
  busy: boolean;
  onAttach: (applicationId: number) => void;
  onCancel: () => void;
}) {
  const choices = useApplicationChoices();
  const open = (choices.data?.items ?? []).filter(
    (application) => !linkedIds.includes(application.id),
  );
  const [chosen, setChosen] = useState("");
  const options = [
    { value: "", label: open.length ? "Choose an application" : "No other applications" },
    ...open.map((application) => ({
      value: String(application.id),
      label: `${application.company} — ${application.role}`,
    })),
  ];

  function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen) onAttach(Number(chosen));
  }

  return (
    <form className="document-form" onSubmit={submit} aria-label="Attach to an application">
      <SelectField
        label="Application"
        value={chosen}
        options={options}
        disabled={choices.isPending}
        onChange={(event) => setChosen(event.target.value)}
        error={choices.isError ? "Your applications could not be loaded." : undefined}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" size="small" busy={busy} disabled={!chosen}>
          Attach
        </Button>
        <Button size="small" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
