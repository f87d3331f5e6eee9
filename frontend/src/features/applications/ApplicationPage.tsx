// One application: its details, deliverables, writing, contacts and stage history.
import { Link, useLocation } from "wouter";

import { ApiError } from "../../api/client";
import { labelOf, useMeta } from "../../api/hooks";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { useTitle } from "../../lib/useTitle";
import { AssistantSection } from "../assistant/AssistantSection";
import { ContactsSection } from "./ContactsSection";
import { DeliverablesSection } from "./DeliverablesSection";
import { DetailsSection } from "./DetailsSection";
import { DocumentsSection } from "./DocumentsSection";
import { useApplication, useDeleteApplication } from "./queries";
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
  const remove = useDeleteApplication(applicationId);
  const [, navigate] = useLocation();
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
        <ConfirmButton
          label="Delete application"
          question={`Delete ${current.company} with its deliverables, contacts and history? This cannot be undone.`}
          confirmLabel="Delete for good"
          busy={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(undefined, { onSuccess: () => navigate("/") })}
        />
      </div>
      <div className="application-layout">
        <div>
          <DetailsSection application={current} />
          <AssistantSection applicationId={applicationId} />
        </div>
        <div>
          <DeliverablesSection applicationId={applicationId} />
          <DocumentsSection applicationId={applicationId} />
          <WritingSection applicationId={applicationId} />
          <ContactsSection applicationId={applicationId} />
          <Timeline applicationId={applicationId} />
        </div>
      </div>
    </div>
  );
}
