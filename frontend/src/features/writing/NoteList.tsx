// The list side of the writing bank: each note's title, kind, tags and first words.
import { Link } from "wouter";

import { labelOf, useMeta } from "../../api/hooks";
import { formatMoment } from "../../lib/format";
import type { Writing } from "./queries";

const EXCERPT_LENGTH = 140;

/** The first words of a Markdown body, without the marks that would show as clutter. */
function excerpt(body: string): string {
  const plain = body
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`~|-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > EXCERPT_LENGTH ? `${plain.slice(0, EXCERPT_LENGTH).trimEnd()}…` : plain;
}

export function NoteList({ notes, selectedId }: { notes: Writing[]; selectedId: number | null }) {
  const meta = useMeta();
  return (
    <ul className="writing-notes" aria-label="Notes">
      {notes.map((note) => (
        <li key={note.id} className={note.id === selectedId ? "is-selected" : undefined}>
          <Link
            href={`/writing?id=${note.id}`}
            className="writing-note-link"
            aria-current={note.id === selectedId ? "true" : undefined}
          >
            {note.title}
          </Link>
          <div className="item-meta">
            <span className="badge">{labelOf(meta.data?.writing_kinds, note.kind)}</span>
            {note.application_ids.length > 0 && (
              <span>
                {note.application_ids.length === 1
                  ? "1 application"
                  : `${note.application_ids.length} applications`}
              </span>
            )}
            <time dateTime={note.updated_at}>{formatMoment(note.updated_at)}</time>
          </div>
          {note.body.trim() && <p className="writing-excerpt">{excerpt(note.body)}</p>}
          {note.tags.length > 0 && (
            <p className="tags">
              <span className="visually-hidden">Tags: </span>
              {note.tags.map((tag) => (
                <span key={tag} className="tag">
                  {tag}
                </span>
              ))}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
