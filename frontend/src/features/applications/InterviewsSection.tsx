// An application's interviews: scheduled in any time zone, then how each went and a debrief.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { api, unwrap, type Schemas } from "../../api/client";
import { invalidate, keys, useCurrentUser } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ConfirmButton } from "../../components/ConfirmButton";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { plural } from "../../lib/format";
import { formatInZone } from "../../lib/timeZones";
import { InterviewForm, type InterviewBody } from "./InterviewForm";
import { KIND_LABELS, OUTCOME_LABELS, type Interview } from "./interviewLabels";
import "./interviews.css";

/** Interviews show here, in Upcoming and on the dashboard: refresh them all. */
function useRefresh() {
  const client = useQueryClient();
  return () => invalidate(client, keys.interviews);
}

export function InterviewsSection({ applicationId }: { applicationId: number }) {
  const refresh = useRefresh();
  const [adding, setAdding] = useState(false);
  const interviews = useQuery({
    queryKey: keys.applicationInterviews(applicationId),
    queryFn: () =>
      unwrap(
        api.GET("/api/applications/{application_id}/interviews", {
          params: { path: { application_id: applicationId }, query: { limit: 50 } },
        }),
      ),
  });
  const create = useMutation({
    mutationFn: (body: InterviewBody) =>
      unwrap(
        api.POST("/api/applications/{application_id}/interviews", {
          params: { path: { application_id: applicationId } },
          body,
        }),
      ),
    onSuccess: () => {
      setAdding(false);
      return refresh();
    },
  });
  const items = interviews.data?.items ?? [];
  const upcoming = items.filter((interview) => interview.upcoming);
  const past = items.filter((interview) => !interview.upcoming).reverse();

  return (
    <section className="panel" aria-labelledby="interviews-heading">
      <div className="panel-header">
        <h2 id="interviews-heading">Interviews</h2>
        {!adding && (
          <Button size="small" onClick={() => setAdding(true)}>
            Schedule interview
          </Button>
        )}
      </div>
      {interviews.isPending && <Loading>Loading interviews…</Loading>}
      <ErrorAlert title="Interviews could not be loaded." error={interviews.error} />
      {interviews.data && items.length === 0 && !adding && (
        <EmptyState title="No interviews yet">
          <p>
            Schedule each call or round here, with its time, link and who you meet. It shows in
            Upcoming and your calendar feed, and the assistant helps you prepare.
          </p>
        </EmptyState>
      )}
      {adding && (
        <div className="subform">
          <h3>Schedule an interview</h3>
          <InterviewForm
            applicationId={applicationId}
            busy={create.isPending}
            error={create.error}
            onSubmit={(body) => create.mutate(body)}
            onCancel={() => {
              create.reset();
              setAdding(false);
            }}
          />
        </div>
      )}
      <InterviewList title="Upcoming" interviews={upcoming} applicationId={applicationId} />
      <InterviewList title="Past" interviews={past} applicationId={applicationId} />
    </section>
  );
}

function InterviewList({
  title,
  interviews,
  applicationId,
}: {
  title: string;
  interviews: Interview[];
  applicationId: number;
}) {
  if (interviews.length === 0) return null;
  return (
    <>
      <h3 className="interviews-heading">
        {title} <span className="badge">{interviews.length}</span>
      </h3>
      <ul className="item-list" aria-label={`${title} interviews`}>
        {interviews.map((interview) => (
          <InterviewRow key={interview.id} interview={interview} applicationId={applicationId} />
        ))}
      </ul>
    </>
  );
}

/** When it is on the user's clock, and as arranged when that was in another zone. */
export function InterviewTime({ interview }: { interview: Interview }) {
  const zone = useCurrentUser().time_zone;
  const arranged =
    interview.time_zone !== zone
      ? ` (${formatInZone(interview.starts_at, interview.time_zone)} ${interview.time_zone.replace(/_/g, " ")})`
      : "";
  return (
    <time dateTime={interview.starts_at}>
      {formatInZone(interview.starts_at, zone)}
      {arranged}
    </time>
  );
}

function InterviewRow({ interview, applicationId }: { interview: Interview; applicationId: number }) {
  const refresh = useRefresh();
  const [editing, setEditing] = useState(false);
  const path = { params: { path: { interview_id: interview.id } } };
  const update = useMutation({
    mutationFn: (body: Schemas["InterviewUpdate"]) =>
      unwrap(api.PATCH("/api/interviews/{interview_id}", { ...path, body })),
    onSuccess: () => {
      setEditing(false);
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/interviews/{interview_id}", path)),
    onSuccess: refresh,
  });
  const name = `${KIND_LABELS[interview.kind]} interview`;

  if (editing) {
    return (
      <li className="item">
        <InterviewForm
          applicationId={applicationId}
          interview={interview}
          busy={update.isPending}
          error={update.error}
          onSubmit={(body) => update.mutate(body)}
          onCancel={() => {
            update.reset();
            setEditing(false);
          }}
        />
      </li>
    );
  }
  return (
    <li className="item">
      <div className="item-row">
        <div>
          <span className="item-title">{KIND_LABELS[interview.kind]}</span>
          <span className="muted"> · {plural(interview.duration_minutes, "minute")}</span>
          <div className="item-meta">
            <InterviewTime interview={interview} />
            {interview.location && <span>{interview.location}</span>}
            {interview.meeting_url && (
              <a href={interview.meeting_url} target="_blank" rel="noreferrer noopener">
                Meeting link
              </a>
            )}
            {interview.contacts.length > 0 && (
              <span>With {interview.contacts.map((contact) => contact.name).join(", ")}</span>
            )}
            {interview.outcome && <span>{OUTCOME_LABELS[interview.outcome]}</span>}
          </div>
        </div>
        <div className="button-row">
          <Button size="small" variant="ghost" aria-label={`Edit ${name}`} onClick={() => setEditing(true)}>
            {interview.upcoming ? "Edit" : "Debrief"}
          </Button>
          <ConfirmButton
            size="small"
            label="Delete"
            name={`Delete ${name}`}
            question={`Delete this ${name.toLowerCase()}?`}
            confirmLabel="Delete interview"
            busy={remove.isPending}
            error={remove.error}
            onConfirm={() => remove.mutate()}
          />
        </div>
      </div>
      {interview.prep_notes && <p className="small">Preparation: {interview.prep_notes}</p>}
      {interview.debrief && <p className="small">Debrief: {interview.debrief}</p>}
    </li>
  );
}
