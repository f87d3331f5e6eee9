// "New application": fill in from a posting's link or text, or by hand; the card appears on
// the board when saved. A posting already tracked links to its application instead.
import { useRef, useState, type FormEvent } from "react";
import { Link } from "wouter";

import { useMeta } from "../../api/hooks";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { ErrorAlert } from "../../components/ErrorAlert";
import { focusFirstInvalid, useFocusOnRefusal } from "../../lib/focusFirstInvalid";
import { useLeaveGuard } from "../../lib/useLeaveGuard";
import { ApplicationFields } from "./ApplicationFields";
import { CapturePanel } from "./CapturePanel";
import {
  checkDraft,
  draftFrom,
  liveProblems,
  toCreate,
  withCaptured,
  type Draft,
  type Sources,
} from "./draft";
import { useCreateApplication, type Capture } from "./queries";

const savedDay = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" });
// Editing these makes it another posting than the one found to be tracked.
const IDENTITY: (keyof Draft)[] = ["company", "role", "job_url"];

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
  const [sources, setSources] = useState<Sources>({});
  const [captured, setCaptured] = useState<Capture | null>(null);
  // Open at first; folding it away is the person's choice, undone whenever a field in it matters.
  const [moreOpen, setMoreOpen] = useState(true);
  const form = useRef<HTMLFormElement>(null);
  const duplicate = captured?.duplicate ?? null;
  // Typed or captured content is worth asking about; a posting already tracked is not.
  useLeaveGuard(!duplicate && !create.isSuccess && hasContent(draft));
  useFocusOnRefusal(create.error, form);

  function fill(capture: Capture) {
    const filled = withCaptured(draft, capture.fields);
    setDraft(filled.draft);
    setSources(filled.sources);
    setCaptured(capture);
    setProblems({});
    setMoreOpen(true); // show what capture filled in
  }

  function edit(next: Draft) {
    if (duplicate && IDENTITY.some((name) => next[name] !== draft[name])) {
      setCaptured((current) => (current ? { ...current, duplicate: null } : current));
    }
    setDraft(next);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (duplicate) return;
    const found = checkDraft(draft);
    setProblems(found);
    // Problems shown while typing (too long, out of bounds) keep it from saving too.
    // A field to fix may be in the folded group: open it so focus can reach the field.
    if (Object.keys({ ...found, ...liveProblems(draft) }).length > 0) {
      setMoreOpen(true);
      focusFirstInvalid(form.current);
      return;
    }
    create.mutate(toCreate(draft), { onSuccess: onDone });
  }

  return (
    <>
      <CapturePanel onCaptured={fill} />
      {(duplicate || (captured?.notes.length ?? 0) > 0) && (
        <div className="capture-notices">
          {captured?.notes.map((note) => (
            <p key={note} className="alert alert-info" role="status">
              {note}
            </p>
          ))}
          {duplicate && <AlreadyTracked duplicate={duplicate} onOpen={onDone} />}
        </div>
      )}
      <form className="form" onSubmit={submit} noValidate ref={form} aria-label="New application">
        <ApplicationFields
          draft={draft}
          onChange={edit}
          error={create.error}
          problems={problems}
          sources={sources}
          board={captured?.board}
          compact
          // A refused field may be in the folded group: a refusal opens it so focus can reach it.
          moreOpen={moreOpen || create.isError}
          onMoreToggle={setMoreOpen}
        />
        <ErrorAlert title="Not saved." error={create.error} />
        <div className="form-actions">
          {duplicate ? (
            <Button type="submit" variant="primary" disabled>
              Already saved
            </Button>
          ) : (
            <Button type="submit" variant="primary" busy={create.isPending}>
              Save application
            </Button>
          )}
          <Button onClick={onDone} disabled={create.isPending}>
            Cancel
          </Button>
          <span className="muted small">Only company and role are needed; the rest can wait.</span>
        </div>
      </form>
    </>
  );
}

const EMPTY_DRAFT = draftFrom();

function hasContent(draft: Draft): boolean {
  return (Object.keys(draft) as (keyof Draft)[]).some(
    (name) => draft[name].trim() !== EMPTY_DRAFT[name],
  );
}

function AlreadyTracked({
  duplicate,
  onOpen,
}: {
  duplicate: NonNullable<Capture["duplicate"]>;
  onOpen: () => void;
}) {
  const stages = useMeta().data?.stages ?? [];
  const stage = stages.find((choice) => choice.id === duplicate.stage)?.label ?? duplicate.stage;
  return (
    <div className="alert alert-info" role="status">
      <span>
        You saved this on {savedDay.format(new Date(duplicate.created_at))}, now in {stage}:{" "}
        {duplicate.company}, {duplicate.role}.{" "}
      </span>
      <Link href={duplicate.url} onClick={onOpen}>
        Open it
      </Link>
    </div>
  );
}
