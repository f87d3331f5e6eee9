// A follow-up or thank-you draft for a nudge: who it goes to, its subject and text, ready to
// copy or to open in the mail program (mailto:).
import { useState } from "react";

import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { useDraft, type Nudge } from "./queries";

export function DraftDialog({ nudge, onClose }: { nudge: Nudge | null; onClose: () => void }) {
  const draft = useDraft(nudge?.id ?? null);
  const [copied, setCopied] = useState(false);
  const title = nudge?.kind === "thank_you" ? "Thank-you draft" : "Follow-up draft";

  async function copy() {
    if (!draft.data) return;
    await navigator.clipboard.writeText(`Subject: ${draft.data.subject}\n\n${draft.data.body}`);
    setCopied(true);
  }

  function close() {
    setCopied(false);
    onClose();
  }

  return (
    <Dialog open={nudge !== null} title={title} onClose={close} wide>
      {draft.isPending && <Loading />}
      <ErrorAlert title="Could not write the draft." error={draft.error} />
      {draft.data && (
        <div className="draft">
          <p>
            <strong>To:</strong>{" "}
            {draft.data.to ?? (
              <span className="muted">
                no contact with an email address on this application; add one, or fill it in
                your mail program
              </span>
            )}
          </p>
          <p>
            <strong>Subject:</strong> {draft.data.subject}
          </p>
          {draft.data.written_by === "assistant" && (
            <p className="muted">Written by the assistant from this application: read it first.</p>
          )}
          <label className="visually-hidden" htmlFor="draft-body">
            Message
          </label>
          <textarea id="draft-body" readOnly rows={12} value={draft.data.body} />
          <div className="draft-actions">
            <a className="button button-primary" href={draft.data.mailto}>
              Open in your email
            </a>
            <Button onClick={() => void copy()}>{copied ? "Copied" : "Copy"}</Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
