// Which resume and cover letter went out with an application: said on its page ("Sent: Resume
// v2 (resume-2026.pdf)") and chosen there, or right after a card is moved to Applied.
import { useState, type FormEvent } from "react";

import { fieldError } from "../../api/client";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField, type Option } from "../../components/Field";
import { Loading } from "../../components/Loading";
import {
  useApplicationDocuments,
  useDocumentsOfKind,
  type Document,
  type DocumentKind,
} from "./queries";
import {
  sentLabel,
  useSentDocuments,
  useUpdateSentDocuments,
  type SentDocument,
  type SentDocuments,
  type SentDocumentsUpdate,
} from "./sentQueries";
import "./documents.css";

// A record whose document was deleted since: kept as it is unless another is chosen.
const KEPT = "kept";

/** The line on the application page, with a button to change what it says. */
export function SentSummary({ applicationId }: { applicationId: number }) {
  const sent = useSentDocuments(applicationId);
  const [changing, setChanging] = useState(false);
  const recorded = [sent.data?.resume, sent.data?.cover_letter].filter(
    (document): document is SentDocument => Boolean(document),
  );

  return (
    <div className="sent-documents">
      <div className="sent-documents-line">
        <p aria-live="polite">
          <strong>Sent:</strong>{" "}
          {sent.isPending
            ? "…"
            : recorded.length
              ? recorded.map(sentLabel).join(" · ")
              : "nothing recorded yet. It is recorded when the application moves to Applied."}
        </p>
        {!changing && (
          <Button size="small" variant="ghost" onClick={() => setChanging(true)}>
            {recorded.length ? "Change what was sent" : "Choose what was sent"}
          </Button>
        )}
      </div>
      <ErrorAlert title="What was sent could not be loaded." error={sent.error} />
      {changing && (
        <SentDocumentsForm
          applicationId={applicationId}
          onDone={() => setChanging(false)}
          cancelLabel="Cancel"
        />
      )}
    </div>
  );
}

/** Choose the resume and cover letter sent; it starts from what is recorded, or else from the
 * newest of each kind attached to the application. */
export function SentDocumentsForm({
  applicationId,
  onDone,
  cancelLabel,
}: {
  applicationId: number;
  onDone: () => void;
  cancelLabel: string;
}) {
  const sent = useSentDocuments(applicationId);
  const resumes = useDocumentsOfKind("resume");
  const letters = useDocumentsOfKind("cover_letter");
  const attached = useApplicationDocuments(applicationId);
  const queries = [sent, resumes, letters, attached];
  const failed = queries.find((query) => query.isError);
  if (failed) return <ErrorAlert title="Your documents could not be loaded." error={failed.error} />;
  if (!sent.data || !resumes.data || !letters.data || !attached.data) {
    return <Loading>Loading your documents…</Loading>;
  }
  return (
    <ChoiceForm
      applicationId={applicationId}
      sent={sent.data}
      resumes={resumes.data.items}
      letters={letters.data.items}
      attached={attached.data.items}
      onDone={onDone}
      cancelLabel={cancelLabel}
    />
  );
}

function startingChoice(
  recorded: SentDocument | null,
  attached: readonly Document[],
  kind: DocumentKind,
): string {
  if (recorded) return recorded.document_id === null ? KEPT : String(recorded.document_id);
  // Attached documents come newest first.
  const newest = attached.find((document) => document.kind === kind);
  return newest ? String(newest.id) : "";
}

function options(documents: readonly Document[], recorded: SentDocument | null): Option[] {
  const choices: Option[] = [{ value: "", label: "None" }];
  if (recorded && recorded.document_id === null) {
    choices.push({ value: KEPT, label: `${recorded.filename} (deleted since)` });
  }
  for (const document of documents) {
    const version = document.version ? ` · v${document.version}` : "";
    choices.push({ value: String(document.id), label: `${document.filename}${version}` });
  }
  return choices;
}

function change(choice: string): number | null | undefined {
  if (choice === KEPT) return undefined;
  return choice ? Number(choice) : null;
}

function ChoiceForm({
  applicationId,
  sent,
  resumes,
  letters,
  attached,
  onDone,
  cancelLabel,
}: {
  applicationId: number;
  sent: SentDocuments;
  resumes: readonly Document[];
  letters: readonly Document[];
  attached: readonly Document[];
  onDone: () => void;
  cancelLabel: string;
}) {
  const update = useUpdateSentDocuments(applicationId);
  const [resume, setResume] = useState(() => startingChoice(sent.resume, attached, "resume"));
  const [letter, setLetter] = useState(() =>
    startingChoice(sent.cover_letter, attached, "cover_letter"),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const body: SentDocumentsUpdate = {};
    const resumeId = change(resume);
    const letterId = change(letter);
    if (resumeId !== undefined) body.resume_id = resumeId;
    if (letterId !== undefined) body.cover_letter_id = letterId;
    update.mutate(body, { onSuccess: onDone });
  }

  const noResumes = resumes.length === 0;
  return (
    <form className="sent-documents-form" onSubmit={submit} aria-label="What was sent">
      <SelectField
        label="Resume sent"
        value={resume}
        options={options(resumes, sent.resume)}
        onChange={(event) => setResume(event.target.value)}
        hint={noResumes ? "No resumes yet: upload one, or mark a document as a resume." : undefined}
        error={fieldError(update.error, "resume_id")}
      />
      <SelectField
        label="Cover letter sent"
        value={letter}
        options={options(letters, sent.cover_letter)}
        onChange={(event) => setLetter(event.target.value)}
        error={fieldError(update.error, "cover_letter_id")}
      />
      <ErrorAlert title="Not saved." error={update.error} />
      <div className="form-actions">
        <Button type="submit" variant="primary" size="small" busy={update.isPending}>
          Save what was sent
        </Button>
        <Button size="small" onClick={onDone} disabled={update.isPending}>
          {cancelLabel}
        </Button>
      </div>
    </form>
  );
}
