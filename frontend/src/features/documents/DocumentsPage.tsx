// The document library: every file the user uploaded, searchable by name and text, filtered by
// kind, with uploads at the top and storage used against the quota.
import { useState } from "react";

import { EmptyState } from "../../components/EmptyState";
import { SelectField, TextField } from "../../components/Field";
import { FilteredList } from "../../components/FilteredList";
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
    <FilteredList
      filters={
        <>
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
        </>
      }
      list={list}
      noun="documents"
      filtered={filtered}
      onClearFilters={clearFilters}
      noMatchHint="Try other words, or another type."
      empty={
        <EmptyState title="No documents yet">
          Upload the resume and cover letter you send with each application, so you have the
          exact version when a company calls back. Attach each to the applications it went to.
        </EmptyState>
      }
    >
      {(page) => (
        <>
          <DocumentList documents={page.items} place="library" />
          {page.total > page.items.length && (
            <p className="muted small">
              Showing {PAGE_SIZE} of {page.total}. Search to find the rest.
            </p>
          )}
        </>
      )}
    </FilteredList>
  );
}
