// Notes and answers linked to this application; written and edited on the Writing page.
import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";

import { api, unwrap } from "../../api/client";
import { keys, labelOf, useMeta } from "../../api/hooks";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { relativeDay } from "../../lib/format";

const SHOWN = 50;

export function WritingSection({ applicationId }: { applicationId: number }) {
  const meta = useMeta().data;
  const writing = useQuery({
    // Under keys.writing, so saving on the Writing page refreshes this list too.
    queryKey: keys.applicationWriting(applicationId),
    queryFn: () =>
      unwrap(
        api.GET("/api/writing", {
          params: { query: { application_id: applicationId, sort: "-updated_at", limit: SHOWN } },
        }),
      ),
  });
  const items = writing.data?.items ?? [];

  return (
    <section className="panel" aria-labelledby="writing-heading">
      <div className="panel-header">
        <h2 id="writing-heading">Writing</h2>
        {/* The new note starts linked to this application. */}
        <Link
          href={`/writing?new=1&application=${applicationId}`}
          className="button button-small"
        >
          Write a note
        </Link>
      </div>
      {writing.isPending && <Loading>Loading writing…</Loading>}
      <ErrorAlert title="Writing could not be loaded." error={writing.error} />
      {writing.data && items.length === 0 && (
        <EmptyState title="No writing linked yet">
          <p>
            On the Writing page, write notes, answers and cover letter drafts, and link them to
            this application under <strong>Applications</strong>. They will be listed here.
          </p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="item-list">
          {items.map((note) => (
            <li key={note.id} className="item">
              <Link href={`/writing?id=${note.id}`} className="item-title">
                {note.title}
              </Link>
              <div className="item-meta">
                <span>{labelOf(meta?.writing_kinds, note.kind)}</span>
                <span>updated {relativeDay(note.updated_at)}</span>
                {note.tags.map((tag) => (
                  <span key={tag} className="tag">
                    {tag}
                  </span>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
      {writing.data && writing.data.total > items.length && (
        <p className="small">
          <Link href="/writing">All {writing.data.total} pieces on the Writing page</Link>
        </p>
      )}
    </section>
  );
}
