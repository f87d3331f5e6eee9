// Upcoming's interviews: each with its time on the user's clock, its application and its link.
import { Link } from "wouter";

import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { plural } from "../../lib/format";
import { KIND_LABELS } from "../applications/interviewLabels";
import { InterviewTime } from "../applications/InterviewsSection";
import { useInterviewsWithin } from "./queries";

export function InterviewsPanel({ days }: { days: number }) {
  const interviews = useInterviewsWithin(days);
  const items = interviews.data?.items ?? [];
  if (interviews.isPending) return <Loading>Loading interviews…</Loading>;
  if (interviews.error) {
    return (
      <ErrorAlert
        title="Could not load your interviews."
        error={interviews.error}
        action={
          <Button size="small" onClick={() => void interviews.refetch()}>
            Try again
          </Button>
        }
      />
    );
  }
  if (items.length === 0) return null;
  return (
    <section className="panel upcoming-section" aria-labelledby="upcoming-interviews">
      <h2 id="upcoming-interviews">
        Interviews <span className="badge">{items.length}</span>
      </h2>
      <ul className="item-list">
        {items.map((interview) => (
          <li key={interview.id} className="item upcoming-item">
            <div className="upcoming-body">
              <span className="item-title">
                {KIND_LABELS[interview.kind]} · <InterviewTime interview={interview} />
              </span>
              <div className="item-meta">
                <Link href={`/applications/${interview.application.id}`}>
                  {interview.application.company}
                </Link>
                <span>{interview.application.role}</span>
                <span>{plural(interview.duration_minutes, "minute")}</span>
                {interview.location && <span>{interview.location}</span>}
                {interview.meeting_url && (
                  <a href={interview.meeting_url} target="_blank" rel="noreferrer noopener">
                    Meeting link
                  </a>
                )}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
