// A document's kind (Resume, Cover letter, Other; shared by its versions) and the upload of a
// new version of it, which takes the same kind and is numbered after the others.
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";

import { messageOf } from "../../api/client";
import { Spinner } from "../../components/Loading";
import { ACCEPT, DOCUMENT_KINDS } from "./format";
import { refreshDocuments, useUpdateDocument, type Document, type DocumentKind } from "./queries";
import { uploadDocument } from "./upload";

export function KindSelect({ document }: { document: Document }) {
  const update = useUpdateDocument(document.id);
  const id = useId();
  return (
    <span className="document-kind">
      <label htmlFor={id} className="visually-hidden">
        Kind of {document.filename}
      </label>
      <select
        id={id}
        value={document.kind}
        disabled={update.isPending}
        onChange={(event) => update.mutate({ kind: event.target.value as DocumentKind })}
      >
        {DOCUMENT_KINDS.map((kind) => (
          <option key={kind.value} value={kind.value}>
            {kind.label}
          </option>
        ))}
      </select>
      {update.isError && (
        <span className="field-error" role="alert">
          Not changed: {messageOf(update.error)}
        </span>
      )}
    </span>
  );
}

/** "New version": pick a file; it is stored as the next version (and attached here, on an
 * application's page). */
export function NewVersionUpload({
  document,
  applicationId,
}: {
  document: Document;
  applicationId?: number | undefined;
}) {
  const client = useQueryClient();
  const id = useId();
  const [state, setState] = useState<{ busy: boolean; message?: string; failed?: boolean }>({
    busy: false,
  });

  async function send(file: File) {
    setState({ busy: true });
    try {
      const stored = await uploadDocument(file, { versionOf: document.id, applicationId });
      setState({
        busy: false,
        message: stored.created
          ? `“${stored.filename}” is now version ${stored.version ?? ""} of ${document.filename}.`
          : `“${stored.filename}” was already in your documents; it was left as it was.`,
      });
      void refreshDocuments(client);
    } catch (error) {
      setState({ busy: false, failed: true, message: messageOf(error) });
    }
  }

  return (
    <span className="new-version">
      <input
        id={id}
        type="file"
        accept={ACCEPT}
        className="visually-hidden file-input"
        disabled={state.busy}
        aria-label={`Upload a new version of ${document.filename}`}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) void send(file);
        }}
      />
      <label htmlFor={id} className="button button-small button-ghost" aria-busy={state.busy}>
        {state.busy ? <Spinner /> : null} New version
      </label>
      {state.message && (
        <span
          className={state.failed ? "field-error" : "small muted"}
          role={state.failed ? "alert" : "status"}
        >
          {state.failed ? `Not uploaded: ${state.message}` : state.message}
        </span>
      )}
    </span>
  );
}
