// "New application": the short form in a dialog; the card appears on the board when saved.
import { useRef, useState, type FormEvent } from "react";

import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { ErrorAlert } from "../../components/ErrorAlert";
import { focusFirstInvalid } from "../../lib/focusFirstInvalid";
import { ApplicationFields } from "./ApplicationFields";
import { checkDraft, draftFrom, toCreate } from "./draft";
import { useCreateApplication } from "./queries";

export function NewApplicationDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="New application" onClose={onClose} wide>
      {/* Mounted only while open, so every opening starts from an empty form. */}
      <NewApplicationForm onDone={onClose} />
    </Dialog>
  );
}

function NewApplicationForm({ onDone }: { onDone: () => void }) {
  const create = useCreateApplication();
  const [draft, setDraft] = useState(draftFrom);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const form = useRef<HTMLFormElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = checkDraft(draft);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(form.current);
      return;
    }
    create.mutate(toCreate(draft), {
      onSuccess: onDone,
      onError: () => focusFirstInvalid(form.current),
    });
  }

  return (
    <form className="form" onSubmit={submit} noValidate ref={form}>
      <ApplicationFields
        draft={draft}
        onChange={setDraft}
        error={create.error}
        problems={problems}
        compact
      />
      <ErrorAlert title="Not saved." error={create.error} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={create.isPending}>
          Save application
        </Button>
        <Button onClick={onDone} disabled={create.isPending}>
          Cancel
        </Button>
        <span className="muted small">Everything else can be added on its page later.</span>
      </div>
    </form>
  );
}
