// Right after a card is moved to Applied (or straight past it): which resume and cover letter
// went out. The newest attached ones are already recorded; this is the moment to say otherwise.
import { useEffect } from "react";

import { Dialog } from "../../components/Dialog";
import { SentDocumentsForm } from "../documents/SentDocuments";
import { useDocumentsOfKind } from "../documents/queries";
import { SENT_STAGES } from "../documents/sentQueries";

export type SentApplication = { id: number; company: string };

/** Whether moving from `from` to `to` sends the application, as the server counts it. */
export function sends(from: string, to: string): boolean {
  return SENT_STAGES.has(to) && !SENT_STAGES.has(from);
}

export function SentDialog({
  application,
  onClose,
}: {
  application: SentApplication | null;
  onClose: () => void;
}) {
  const resumes = useDocumentsOfKind("resume");
  const letters = useDocumentsOfKind("cover_letter");
  // Someone who keeps no resumes or cover letters here is not asked each time a card moves.
  const nothingToChoose = resumes.data?.total === 0 && letters.data?.total === 0;
  useEffect(() => {
    if (application && nothingToChoose) onClose();
  }, [application, nothingToChoose, onClose]);

  return (
    <Dialog
      open={application !== null && !nothingToChoose}
      title={application ? `What did you send to ${application.company}?` : "What was sent"}
      onClose={onClose}
    >
      {application && (
        <>
          <p className="muted">
            The newest resume and cover letter attached to it are recorded. If you sent others,
            choose them here; you can change this later on its page.
          </p>
          <SentDocumentsForm
            key={application.id}
            applicationId={application.id}
            onDone={onClose}
            cancelLabel="Keep these"
          />
        </>
      )}
    </Dialog>
  );
}
