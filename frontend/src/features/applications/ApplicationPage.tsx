// One application: its details, deliverables, writing, contacts and stage history.
import { useQueryClient } from "@tanstack/react-query";
import { Link, useLocation } from "wouter";

import { ApiError } from "../../api/client";
import { labelOf, useMeta } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { formatMoment } from "../../lib/format";
import { offerUndo } from "../../lib/undoToast";
import { useTitle } from "../../lib/useTitle";
import { AssistantSection } from "../assistant/AssistantSection";
import { CommentsSection } from "../groups/CommentsSection";
import { ContactsSection } from "./ContactsSection";
import { DeliverablesSection } from "./DeliverablesSection";
import { DetailsSection } from "./DetailsSection";
import { DocumentsSection } from "./DocumentsSection";
import { FitSection } from "./FitSection";
import { InterviewsSection } from "./InterviewsSection";
import {
  refreshApplications,
  restoreFromTrash,
  useApplication,
  useArchiveApplication,
  useDeleteApplication,
} from "./queries";
import { Timeline } from "./Timeline";
import { WritingSection } from "./WritingSection";

export default function ApplicationPage({ id }: { id: string }) {
  const applicationId = /^\d+$/.test(id) ? Number(id) : Number.NaN;
  if (Number.isNaN(applicationId)) return <ApplicationNotFound />;
  return <ApplicationView applicationId={applicationId} />;
}

function ApplicationNotFound() {
  useTitle("Application not found");
  return (
    <div className="page not-found">
      <h1>Application not found</h1>
      <p className="muted">
        This application was not found: it may have been deleted, or it belongs to someone else.
      </p>
      <Link href="/">Back to your board</Link>
    </div>
  );
}

function ApplicationView({ applicationId }: { applicationId: number }) {
  const application = useApplication(applicationId);
  const meta = useMeta().data;
  const [, navigate] = useLocation();
  const client = useQueryClient();
  const archive = useArchiveApplication(applicationId);
  const remove = useDeleteApplication(applicationId, () => {
    navigate("/");
    offerUndo(`${application.data?.company ?? "The application"} was moved to the trash.`, () =>
      restoreFromTrash([applicationId]).then(() => refreshApplications(client)),
    );
  });
  useTitle(application.data?.company ?? "Application");

  if (application.error instanceof ApiError && application.error.status === 404) {
    return <ApplicationNotFound />;
  }
  if (application.isPending) {
    return (
      <div className="page">
        <Loading>Loading the application…</Loading>
      </div>
    );
  }
  if (application.isError) {
    return (
      <div className="page">
        <ErrorAlert title="This application could not be loaded." error={application.error} />
      </div>
    );
  }

  const current = application.data;
  return (
    <div className="page">
      <p className="small">
        <Link href="/">← Board</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{current.company}</h1>
          <p className="subtitle">
            {current.role} · <span className="badge badge-accent">{labelOf(meta?.stages, current.stage)}</span>
            {current.job_url && (
              <>
                {" · "}
                <a href={current.job_url} target="_blank" rel="noreferrer noopener">
                  Job posting
                </a>
              </>
            )}
          </p>
        </div>
        <div className="button-row">
          <Button
            busy={archive.isPending}
            onClick={() => archive.mutate(!current.archived_at)}
          >
            {current.archived_at ? "Unarchive" : "Archive"}
          </Button>
          <ConfirmButton
            label="Delete application"
            question={`Move ${current.company} to the trash? It stays there for 30 days, with its deliverables, contacts and history, and you can restore it until then.`}
            confirmLabel="Move to trash"
            busy={remove.isPending}
            error={remove.error}
            onConfirm={() => remove.mutate()}
          />
        </div>
      </div>
      <ErrorAlert title="Could not change whether it is archived." error={archive.error} />
      {current.archived_at && (
        <p className="muted">
          Archived {formatMoment(current.archived_at)}: it is off your board, and
          still counted in your dashboard and found by search.
        </p>
      )}
      {/* While it is deleted, no section mounts and asks for what is about to be gone. */}
      {remove.isPending || remove.isSuccess ? (
        <Loading>Deleting the application…</Loading>
      ) : (
        <div className="application-layout">
          <div>
            <DetailsSection application={current} />
            <FitSection applicationId={applicationId} changedAt={current.updated_at} />
            <AssistantSection applicationId={applicationId} />
          </div>
          <div>
            <InterviewsSection applicationId={applicationId} />
            <DeliverablesSection applicationId={applicationId} />
            <DocumentsSection applicationId={applicationId} />
            <WritingSection applicationId={applicationId} />
            <ContactsSection applicationId={applicationId} />
            <CommentsSection applicationId={applicationId} />
            <Timeline applicationId={applicationId} />
          </div>
        </div>
      )}
    </div>
  );
}
