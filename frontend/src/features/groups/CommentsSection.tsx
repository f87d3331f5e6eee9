// The Comments section of the application page: what the owner's coaches said and their answers.
import { CommentThread } from "./CommentThread";

export function CommentsSection({ applicationId }: { applicationId: number }) {
  return (
    <section className="panel" aria-labelledby="comments-heading">
      <div className="panel-header">
        <h2 id="comments-heading">Comments</h2>
      </div>
      <p className="muted">
        Coaches you share your board with can comment here; only they and you see the thread.
      </p>
      <CommentThread
        applicationId={applicationId}
        boxLabel="Your answer"
        emptyText="No comments yet."
      />
    </section>
  );
}
