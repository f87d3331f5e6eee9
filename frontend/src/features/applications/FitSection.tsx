// How well a resume fits this application's posting: the score, the skills in both and those
// missing (as chips), the posting's repeated words, a resume picker, and a written review on
// request from the assistant.
import { useState } from "react";

import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField } from "../../components/Field";
import { Loading, Spinner } from "../../components/Loading";
import { askAssistant } from "../assistant/askAssistant";
import { reviewRequest, useFit, type Fit, type FitAnalysis } from "./fit";
import "./fit.css";

const WHY: Record<string, string> = {
  sent: "sent with this application",
  linked: "linked to this application",
  latest: "your newest resume",
  chosen: "chosen",
};
const SECTION_LABEL: Record<string, string> = {
  required: "required",
  nice: "nice to have",
  other: "named in the posting",
};

type Props = { applicationId: number; changedAt: string };

export function FitSection({ applicationId, changedAt }: Props) {
  const [documentId, setDocumentId] = useState<number | null>(null);
  const fit = useFit(applicationId, documentId, changedAt);

  return (
    <section className="panel fit" aria-labelledby="fit-heading">
      <div className="panel-header">
        <h2 id="fit-heading">Fit</h2>
        {fit.isFetching && !fit.isPending && <Spinner />}
      </div>
      {fit.isPending && <Loading>Measuring the fit…</Loading>}
      <ErrorAlert title="The fit could not be measured." error={fit.error} />
      {fit.data && (
        <>
          <ResumePicker fit={fit.data} documentId={documentId} onChange={setDocumentId} />
          {fit.data.analysis ? (
            <FitResult applicationId={applicationId} fit={fit.data} analysis={fit.data.analysis} />
          ) : (
            <p className="fit-notice" role="status">
              {fit.data.message}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function ResumePicker({
  fit,
  documentId,
  onChange,
}: {
  fit: Fit;
  documentId: number | null;
  onChange: (id: number | null) => void;
}) {
  const chosen = fit.resume;
  if (fit.resume_choices.length === 0 && !chosen) return null;
  const defaultLabel =
    documentId === null && chosen ? `${chosen.filename} (${WHY[chosen.chosen_because]})` : "Default";
  const options = [
    { value: "", label: `Default resume: ${defaultLabel}` },
    ...fit.resume_choices.map((choice) => ({ value: String(choice.id), label: choice.filename })),
  ];
  if (chosen && documentId !== null && !fit.resume_choices.some((c) => c.id === chosen.id)) {
    options.push({ value: String(chosen.id), label: chosen.filename });
  }
  return (
    <SelectField
      label="Resume"
      className="fit-resume"
      value={documentId === null ? "" : String(documentId)}
      onChange={(event) => onChange(event.target.value ? Number(event.target.value) : null)}
      options={options}
      hint="The default is the resume sent with this application, else one linked to it, else your newest."
    />
  );
}

function FitResult({
  applicationId,
  fit,
  analysis,
}: {
  applicationId: number;
  fit: Fit;
  analysis: FitAnalysis;
}) {
  return (
    <>
      <div className="fit-score">
        <p className="fit-score-figure" aria-label={`Fit score: ${analysis.score} out of 100`}>
          <strong>{analysis.score}</strong>
          <span aria-hidden="true">/100</span>
        </p>
        <meter min={0} max={100} low={40} high={75} optimum={100} value={analysis.score} aria-hidden="true" />
      </div>
      <p>{analysis.explanation}</p>
      {analysis.truncated && (
        <p className="small muted">A text was very long: only its first 100,000 characters were read.</p>
      )}
      <Chips
        title="Missing required skills"
        tone="missing"
        names={analysis.missing_required.map((item) => item.skill)}
      />
      <Chips
        title="Missing nice-to-have skills"
        tone="soft"
        names={analysis.missing_nice.map((item) => item.skill)}
      />
      <Chips
        title="Other skills the posting names, not in your resume"
        tone="soft"
        names={analysis.missing_other.map((item) => item.skill)}
      />
      <Chips
        title="Skills in both"
        tone="found"
        names={analysis.matched.map(
          (item) =>
            `${item.skill} · ${SECTION_LABEL[item.section]}` + (item.through ? ` (through ${item.through})` : ""),
        )}
      />
      <Chips title="Posting words your resume lacks" tone="soft" names={analysis.keywords_missing} />
      <Chips title="Posting words your resume has" tone="found" names={analysis.keywords_found} />
      <div className="button-row">
        <Button onClick={() => askAssistant(applicationId, reviewRequest(fit))}>Review my fit</Button>
        <span className="small muted">Asks the assistant below for a written review.</span>
      </div>
    </>
  );
}

function Chips({
  title,
  tone,
  names,
}: {
  title: string;
  tone: "missing" | "found" | "soft";
  names: string[];
}) {
  if (names.length === 0) return null;
  return (
    <div className="fit-group">
      <h3>{title}</h3>
      <ul className="fit-chips" aria-label={title}>
        {names.map((name) => (
          <li key={name} className={`fit-chip fit-chip-${tone}`}>
            {name}
          </li>
        ))}
      </ul>
    </div>
  );
}
