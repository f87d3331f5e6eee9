// The document library: every file the user uploaded, searchable by name and text, filtered by
// kind, with uploads at the top and storage used against the quota.
import { useState } from "react";

import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField, TextField } from "../../components/Field";
import { Loading, Spinner } from "../../components/Loading";
import { useDebounced } from "../../lib/useDebounced";
import { useTitle } from "../../lib/useTitle";
import { DocumentList } from "./DocumentList";
import { DropZone } from "./DropZone";
import { MEDIA_TYPES } from "./format";
import { PAGE_SIZE, useDocumentList, type MediaType } from "./queries";
import { StorageUsage } from "./StorageUsage";
import "./documents.css";

const TYPE_OPTIONS = [{ value: "", label: "All types" }, ...MEDIA_TYPES];

export default function DocumentsPage() {
  useTitle("Documents");
  return (
    <div className="page documents-page">
      <header className="page-header">
        <div>
          <h1>Documents</h1>
          <p className="subtitle">
            The resumes and cover letters you sent, kept for when a company calls back.
          </p>
        </div>
        <StorageUsage />
      </header>
      <div className="documents-layout">
        <section className="panel" aria-labelledby="upload-heading">
          <h2 id="upload-heading">Upload</h2>
          <DropZone />
        </section>
        <section className="panel" aria-labelledby="library-heading">
          <h2 id="library-heading">Your documents</h2>
          <Library />
        </section>
      </div>
    </div>
  );
}

function Library() {
  const [text, setText] = useState("");
  const [mediaType, setMediaType] = useState<MediaType | "">("");
  const settledText = useDebounced(text.trim());
  const list = useDocumentList({ text: settledText, mediaType });
  const filtered = Boolean(settledText || mediaType);

  function clearFilters() {
    setText("");
    setMediaType("");
  }

  return (
    <>
      <div className="documents-filters" role="search">
        <TextField
          label="Search"
          type="search"
          value={text}
          placeholder="Words in the name or the text"
          onChange={(event) => setText(event.target.value)}
        />
        <SelectField
          label="Type"
          value={mediaType}
          options={TYPE_OPTIONS}
          onChange={(event) => setMediaType(event.target.value as MediaType | "")}
        />
      </div>
      {list.isFetching && !list.isPending && (
        <p className="documents-searching muted small" role="status">
          <Spinner /> Searching…
        </p>
      )}
      {list.isPending ? (
        <Loading>Loading your documents…</Loading>
      ) : list.isError ? (
        <ErrorAlert
          title="Could not load your documents."
          error={list.error}
          action={
            <Button size="small" onClick={() => void list.refetch()}>
              Try again
            </Button>
          }
        />
      ) : list.data.items.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No documents match."
            action={<Button onClick={clearFilters}>Clear filters</Button>}
          >
            Try other words, or another type.
          </EmptyState>
        ) : (
          <EmptyState title="No documents yet">
            Upload the resume and cover letter you send with each application, so you have the
            exact version when a company calls back. Attach each to the applications it went to.
          </EmptyState>
        )
      ) : (
        <>
          <DocumentList documents={list.data.items} place="library" />
          {list.data.total > list.data.items.length && (
            <p className="muted small">
              Showing {PAGE_SIZE} of {list.data.total}. Search to find the rest.
            </p>
          )}
        </>
      )}
    </>
  );
}
