// The files sent with this application: which resume and cover letter went out, uploads (they
// are attached at once, new versions too), preview, download, kind, or detach; renaming and
// deleting are on the Documents page.
import { Link } from "wouter";

import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading, Spinner } from "../../components/Loading";
import { DocumentList } from "../documents/DocumentList";
import { DropZone } from "../documents/DropZone";
import { useApplicationDocuments } from "../documents/queries";
import { SentSummary } from "../documents/SentDocuments";

export function DocumentsSection({ applicationId }: { applicationId: number }) {
  const documents = useApplicationDocuments(applicationId);
  const items = documents.data?.items ?? [];

  return (
    <section className="panel" aria-labelledby="documents-heading">
      <div className="panel-header">
        <h2 id="documents-heading">Documents</h2>
        {documents.isFetching && !documents.isPending && <Spinner />}
        <Link href="/documents" className="small">
          All documents
        </Link>
      </div>
      <SentSummary applicationId={applicationId} />
      {documents.isPending && <Loading>Loading documents…</Loading>}
      <ErrorAlert title="Documents could not be loaded." error={documents.error} />
      {documents.data && items.length === 0 && (
        <EmptyState title="No documents attached yet">
          <p>Keep the exact resume and cover letter you sent, to have them at hand later.</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <DocumentList documents={items} place={{ applicationId }} />
      )}
      {documents.data && documents.data.total > items.length && (
        <p className="small">
          <Link href="/documents">All {documents.data.total} on the Documents page</Link>
        </p>
      )}
      <div className="subform">
        <h3>Add documents</h3>
        <DropZone applicationId={applicationId} />
      </div>
    </section>
  );
}
