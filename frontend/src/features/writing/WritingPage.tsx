// The writing bank: every note and reusable answer, searchable by text and tag, edited beside
// the list with a Markdown preview. The open note lives in the address: ?id=7, or ?new=1
// (&application=3 to start it linked to that application).
import { useState } from "react";
import { useLocation, useSearch } from "wouter";

import { ApiError } from "../../api/client";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField, TextField } from "../../components/Field";
import { FilteredList } from "../../components/FilteredList";
import { Loading } from "../../components/Loading";
import { useDebounced } from "../../lib/useDebounced";
import { useTitle } from "../../lib/useTitle";
import { NoteEditor } from "./NoteEditor";
import { NoteList } from "./NoteList";
import { PAGE_SIZE, useWriting, useWritingList, useWritingTags } from "./queries";
import "./writing.css";

export default function WritingPage() {
  useTitle("Writing");
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const selectedId = Number(params.get("id")) || null;
  const creating = !selectedId && params.get("new") === "1";
  // "New note" on an application's page may ask for the note to start linked to it.
  const linkTo = Number(params.get("application")) || null;
  const [createdId, setCreatedId] = useState<number | null>(null);

  const close = () => navigate("/writing");
  const editorOpen = creating || selectedId !== null;

  return (
    <div className="page writing">
      <header className="page-header">
        <div>
          <h1>Writing</h1>
          <p className="subtitle">Notes, answers you reuse, cover letter drafts.</p>
        </div>
        <Button variant="primary" onClick={() => navigate("/writing?new=1")}>
          New note
        </Button>
      </header>

      <div className={`writing-layout${editorOpen ? " is-editing" : ""}`}>
        <div className="panel writing-list">
          <NotesBrowser selectedId={selectedId} onNew={() => navigate("/writing?new=1")} />
        </div>
        <div className="panel writing-editor-pane">
          {creating ? (
            <NoteEditor
              key={`new-${linkTo ?? ""}`}
              note={null}
              linkTo={linkTo ? [linkTo] : []}
              onSaved={(saved) => {
                setCreatedId(saved.id);
                navigate(`/writing?id=${saved.id}`, { replace: true });
              }}
              onDeleted={close}
              onClose={close}
            />
          ) : selectedId !== null ? (
            <OpenNote
              id={selectedId}
              justCreated={createdId === selectedId}
              onClose={close}
            />
          ) : (
            <p className="muted writing-pick">
              Pick a note to read or edit it, or start a new one.
            </p>
          )}
        </div>
      </div>
    </div>
  );
}

function OpenNote({
  id,
  justCreated,
  onClose,
}: {
  id: number;
  justCreated: boolean;
  onClose: () => void;
}) {
  const note = useWriting(id);
  if (note.isPending) return <Loading>Loading the note…</Loading>;
  if (note.isError) {
    const gone = note.error instanceof ApiError && note.error.status === 404;
    return (
      <ErrorAlert
        title={gone ? "This note was not found." : "Could not load the note."}
        error={gone ? new Error("It may have been deleted.") : note.error}
        action={
          <Button size="small" onClick={onClose}>
            Back to all notes
          </Button>
        }
      />
    );
  }
  return (
    <NoteEditor
      key={id}
      note={note.data}
      justCreated={justCreated}
      onSaved={() => undefined}
      onDeleted={onClose}
      onClose={onClose}
    />
  );
}

function NotesBrowser({ selectedId, onNew }: { selectedId: number | null; onNew: () => void }) {
  const [text, setText] = useState("");
  const [tag, setTag] = useState("");
  const settledText = useDebounced(text.trim());
  const list = useWritingList({ text: settledText, tag });
  const tags = useWritingTags();
  const filtered = Boolean(settledText || tag);

  const tagNames = (tags.data ?? []).map((known) => known.name);
  const tagOptions = [
    { value: "", label: "All tags" },
    ...(tags.data ?? []).map((known) => ({
      value: known.name,
      label: `${known.name} (${known.count})`,
    })),
    // A tag chosen before its last note lost it stays choosable, so the filter still shows.
    ...(tag && !tagNames.includes(tag) ? [{ value: tag, label: tag }] : []),
  ];

  function clearFilters() {
    setText("");
    setTag("");
  }

  return (
    <FilteredList
      filters={
        <>
          <TextField
            label="Search"
            type="search"
            value={text}
            placeholder="Words in the title or text"
            onChange={(event) => setText(event.target.value)}
          />
          <SelectField
            label="Tag"
            value={tag}
            options={tagOptions}
            onChange={(event) => setTag(event.target.value)}
            error={tags.isError ? "Tags could not be loaded." : undefined}
          />
        </>
      }
      list={list}
      noun="notes"
      filtered={filtered}
      onClearFilters={clearFilters}
      noMatchHint="Try other words, or another tag."
      empty={
        <EmptyState
          title="No notes yet"
          action={
            <Button variant="primary" onClick={onNew}>
              Write your first note
            </Button>
          }
        >
          Keep what you write once and use again: answers to common questions, cover letter
          drafts, thank-you notes, research on a company. Link each to the applications it is
          for.
        </EmptyState>
      }
    >
      {(page) => (
        <>
          <NoteList notes={page.items} selectedId={selectedId} />
          {page.total > page.items.length && (
            <p className="muted small">
              Showing the {PAGE_SIZE} most recently changed of {page.total}. Search to find the
              rest.
            </p>
          )}
        </>
      )}
    </FilteredList>
  );
}
