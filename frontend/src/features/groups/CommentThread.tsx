// One application's comment thread, oldest first, with a box to write in: the owner answers
// their coaches here, and a coach writes on a member's application. Text is shown as text.
import { useState, type FormEvent } from "react";

import { fieldError } from "../../api/client";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextAreaField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { formatMoment } from "../../lib/format";
import { useAddComment, useComments } from "./queries";
import "./groups.css";

const MAX_COMMENT = 2000;

export function CommentThread({
  applicationId,
  boxLabel,
  emptyText,
}: {
  applicationId: number;
  boxLabel: string;
  emptyText: string;
}) {
  const comments = useComments(applicationId);
  const add = useAddComment(applicationId);
  const [draft, setDraft] = useState("");

  function send(event: FormEvent) {
    event.preventDefault();
    add.mutate(draft, { onSuccess: () => setDraft("") });
  }

  if (comments.isPending) return <Loading>Loading comments…</Loading>;
  if (comments.isError) {
    return <ErrorAlert title="Could not load the comments." error={comments.error} />;
  }
  const items = comments.data.items;
  const bodyError = fieldError(add.error, "body");
  return (
    <div className="comment-thread">
      {items.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <ol className="comment-list" aria-label="Comments">
          {items.map((comment) => (
            <li
              key={comment.id}
              className={`comment${comment.by_owner ? " comment-owner" : " comment-coach"}`}
            >
              <p className="comment-meta">
                <strong>{comment.author_name}</strong>
                {!comment.by_owner && <span className="comment-role"> · coach</span>}
                {" · "}
                <time dateTime={comment.created_at}>{formatMoment(comment.created_at)}</time>
                {comment.unread && <span className="badge comment-new">New</span>}
              </p>
              <p className="comment-body">{comment.body}</p>
            </li>
          ))}
        </ol>
      )}
      {comments.data.total > items.length && (
        <p className="muted">
          Showing the first {items.length} of {comments.data.total} comments.
        </p>
      )}
      <form className="comment-form" onSubmit={send} noValidate>
        <TextAreaField
          label={boxLabel}
          value={draft}
          rows={3}
          maxLength={MAX_COMMENT}
          counter={{ count: draft.length, limit: MAX_COMMENT }}
          error={bodyError}
          onChange={(event) => setDraft(event.target.value)}
        />
        {add.isError && !bodyError && (
          <ErrorAlert title="The comment was not sent." error={add.error} />
        )}
        <div className="button-row">
          <Button type="submit" variant="primary" busy={add.isPending} disabled={!draft.trim()}>
            Send comment
          </Button>
        </div>
      </form>
    </div>
  );
}
