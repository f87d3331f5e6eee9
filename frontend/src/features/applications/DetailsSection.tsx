// Every field of an application, edited in one form and saved with "Save changes".
import { useEffect, useRef, useState, type FormEvent } from "react";

import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { focusFirstInvalid, useFocusOnRefusal } from "../../lib/focusFirstInvalid";
import { useLeaveGuard } from "../../lib/useLeaveGuard";
import { ApplicationFields } from "./ApplicationFields";
import { checkDraft, draftFrom, liveProblems, toUpdate } from "./draft";
import { useUpdateApplication, type Application } from "./queries";

export function DetailsSection({ application }: { application: Application }) {
  const update = useUpdateApplication(application.id);
  const [draft, setDraft] = useState(() => draftFrom(application));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const changes = toUpdate(draft, application);
  const dirty = Object.keys(changes).length > 0;
  useLeaveGuard(dirty);
  useFocusOnRefusal(update.error, form);

  // Take in changes made elsewhere (a move on the board) unless the person is editing.
  useEffect(() => {
    if (!dirty) setDraft(draftFrom(application));
    // The stored application is the trigger; the draft is read, not watched.
  }, [application.updated_at]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = checkDraft(draft);
    setProblems(found);
    setSaved(false);
    // Problems shown while typing (too long, out of bounds) keep it from saving too.
    if (Object.keys({ ...found, ...liveProblems(draft) }).length > 0) {
      focusFirstInvalid(form.current);
      return;
    }
    if (!dirty) return;
    update.mutate(changes, {
      onSuccess: (fresh) => {
        setDraft(draftFrom(fresh));
        setSaved(true);
      },
    });
  }

  return (
    <section className="panel" aria-labelledby="details-heading">
      <div className="panel-header">
        <h2 id="details-heading">Details</h2>
      </div>
      <form
        ref={form}
        className="form"
        onSubmit={submit}
        noValidate
        aria-labelledby="details-heading"
      >
        <ApplicationFields
          draft={draft}
          onChange={(next) => {
            setSaved(false);
            setDraft(next);
          }}
          error={update.error}
          problems={problems}
        />
        <ErrorAlert title="Not saved." error={update.error} />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={update.isPending} disabled={!dirty}>
            Save changes
          </Button>
          {dirty && !update.isPending && (
            <Button
              onClick={() => {
                setDraft(draftFrom(application));
                setProblems({});
                update.reset();
              }}
            >
              Discard changes
            </Button>
          )}
          <span className="saved-note" role="status">
            {saved && !dirty ? "Saved." : ""}
          </span>
        </div>
      </form>
    </section>
  );
}
