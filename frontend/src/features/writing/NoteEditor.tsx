// Writing one note or reusable answer: its fields, a live Markdown preview, save and delete.
import { useMemo, useState, type FormEvent } from "react";
import { Link } from "wouter";

import { fieldError } from "../../api/client";
import { useMeta } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField, TextAreaField, TextField } from "../../components/Field";
import { formatMoment } from "../../lib/format";
import { Markdown } from "./Markdown";
import {
  useApplicationChoices,
  useDeleteWriting,
  useSaveWriting,
  type Writing,
  type WritingDraft,
  type WritingKind,
} from "./queries";
import { formatTags, parseTags } from "./tags";

type Form = { title: string; kind: WritingKind; body: string; tags: string; applications: number[] };

function formOf(note: Writing | null, linkTo: number[] = []): Form {
  return {
    title: note?.title ?? "",
    kind: note?.kind ?? "note",
    body: note?.body ?? "",
    tags: formatTags(note?.tags ?? []),
    applications: note?.application_ids ?? linkTo,
  };
}

function draftOf(form: Form): WritingDraft {
  return {
    title: form.title.trim(),
    kind: form.kind,
    body: form.body,
    tags: parseTags(form.tags),
    application_ids: form.applications,
  };
}

export function NoteEditor({
  note,
  linkTo = [],
  justCreated = false,
  onSaved,
  onDeleted,
  onClose,
}: {
  /** The note to edit, or null for a new one. */
  note: Writing | null;
  /** For a new note: the applications it starts linked to (from "New note" on one's page). */
  linkTo?: number[];
  /** Just made from "New note": say it was saved, as if this editor had stayed open. */
  justCreated?: boolean;
  onSaved: (saved: Writing) => void;
  onDeleted: () => void;
  onClose: () => void;
}) {
  const meta = useMeta();
  const applications = useApplicationChoices();
  const save = useSaveWriting();
  const remove = useDeleteWriting();
  const [form, setForm] = useState<Form>(() => formOf(note, linkTo));
  // After a save without a title, the title's message shows for as long as it is still empty.
  const [triedSaving, setTriedSaving] = useState(false);
  // The server's message for a field is about what was sent: editing the field answers it.
  const [editedSinceSave, setEditedSinceSave] = useState<ReadonlySet<keyof Form>>(new Set());
  const titleMissing = triedSaving && !form.title.trim();

  const saved = useMemo(() => JSON.stringify(draftOf(formOf(note))), [note]);
  const dirty = JSON.stringify(draftOf(form)) !== saved;

  function change(fields: Partial<Form>) {
    setForm((current) => ({ ...current, ...fields }));
    setEditedSinceSave(
      (current) => new Set([...current, ...(Object.keys(fields) as (keyof Form)[])]),
    );
    if (save.isSuccess) save.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setTriedSaving(true);
    if (!form.title.trim()) return;
    setEditedSinceSave(new Set());
    save.mutate({ id: note?.id ?? null, draft: draftOf(form) }, { onSuccess: onSaved });
  }

  const kindOptions = (meta.data?.writing_kinds ?? [{ id: "note", label: "Note" }]).map(
    (kind) => ({ value: kind.id, label: kind.label }),
  );
  const applicationItems = applications.data?.items ?? [];
  const linked = applicationItems.filter((application) =>
    form.applications.includes(application.id),
  );
  const error = save.error;
  const serverError = (field: keyof Form, apiField: string = field) =>
    editedSinceSave.has(field) ? undefined : fieldError(error, apiField);
  const known = ["title", "kind", "body", "tags", "application_ids"];
  const unplaced = error && !known.some((field) => fieldError(error, field));

  return (
    <form className="form writing-editor" onSubmit={submit} noValidate aria-label="Note">
      <div className="writing-editor-header">
        <h2>{note ? "Edit note" : "New note"}</h2>
        <Button size="small" variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
      <TextField
        label="Title"
        required
        autoFocus={note === null}
        maxLength={200}
        value={form.title}
        onChange={(event) => change({ title: event.target.value })}
        error={titleMissing ? "Give it a title." : serverError("title")}
      />
      <div className="form-grid">
        <SelectField
          label="Kind"
          value={form.kind}
          options={kindOptions}
          onChange={(event) => change({ kind: event.target.value as WritingKind })}
          error={serverError("kind")}
        />
        <TextField
          label="Tags"
          value={form.tags}
          onChange={(event) => change({ tags: event.target.value })}
          hint="Separated by commas, e.g. intro, behavioural."
          error={serverError("tags")}
        />
      </div>
      <ApplicationsField
        choices={applicationItems.map((application) => ({
          value: String(application.id),
          label: `${application.company} — ${application.role}`,
        }))}
        loading={applications.isPending}
        loadError={applications.error}
        selected={form.applications}
        onChange={(ids) => change({ applications: ids })}
        error={serverError("applications", "application_ids")}
      />
      {linked.length > 0 && (
        <p className="small muted writing-linked">
          Linked to{" "}
          {linked.map((application, index) => (
            <span key={application.id}>
              {index > 0 && ", "}
              <Link href={`/applications/${application.id}`}>{application.company}</Link>
            </span>
          ))}
          .
        </p>
      )}
      <div className="writing-body">
        <TextAreaField
          label="Body"
          rows={12}
          value={form.body}
          onChange={(event) => change({ body: event.target.value })}
          hint="Markdown: **bold**, *italic*, # headings, - lists, [links](https://…)."
          error={serverError("body")}
        />
        <section className="writing-preview" aria-label="Preview">
          <p className="writing-preview-label" aria-hidden="true">
            Preview
          </p>
          {form.body.trim() ? (
            <div className="markdown">
              <Markdown source={form.body} />
            </div>
          ) : (
            <p className="muted small">The formatted text shows here as you write.</p>
          )}
        </section>
      </div>
      {unplaced && <ErrorAlert title="Could not save." error={error} />}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={save.isPending}>
          Save
        </Button>
        {(save.isSuccess || justCreated) && !dirty ? (
          <span className="saved-note" role="status">
            Saved.
          </span>
        ) : dirty && note ? (
          <span className="muted small">Unsaved changes</span>
        ) : null}
        {note && (
          <span className="muted small writing-updated">
            Last saved {formatMoment(note.updated_at)}
          </span>
        )}
      </div>
      {note && (
        <div className="writing-delete">
          <ConfirmButton
            label="Delete"
            question={`Delete “${note.title}”? This cannot be undone.`}
            confirmLabel="Delete note"
            busy={remove.isPending}
            error={remove.error}
            onConfirm={() => remove.mutate(note.id, { onSuccess: onDeleted })}
          />
        </div>
      )}
    </form>
  );
}

/** A native multi-select: keyboard and screen readers know it, phones show a picker. */
function ApplicationsField({
  choices,
  loading,
  loadError,
  selected,
  onChange,
  error,
}: {
  choices: { value: string; label: string }[];
  loading: boolean;
  loadError: unknown;
  selected: number[];
  onChange: (ids: number[]) => void;
  error: string | undefined;
}) {
  const hint = loadError
    ? "Your applications could not be loaded; links stay as they are."
    : loading
      ? "Loading your applications…"
      : choices.length === 0
        ? "No applications yet: add some on the Board to link notes to them."
        : "Hold Ctrl (⌘ on a Mac) or Shift to pick several.";
  return (
    <SelectField
      label="Applications"
      multiple
      size={Math.min(Math.max(choices.length, 2), 5)}
      value={selected.map(String)}
      options={choices}
      onChange={(event) =>
        onChange(Array.from(event.target.selectedOptions, (option) => Number(option.value)))
      }
      hint={hint}
      error={error}
      disabled={Boolean(loadError)}
    />
  );
}
