// A document shown in the page: a PDF in the browser's own viewer, text and Markdown as text,
// and for a Word file (which browsers cannot show) the text that was read from it.
import { Dialog } from "../../components/Dialog";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { kindOf } from "./format";
import { contentUrl, useDocumentDetail, usePreviewText, type Document } from "./queries";

export function PreviewDialog({
  document,
  onClose,
}: {
  document: Document | null;
  onClose: () => void;
}) {
  return (
    <Dialog open={document !== null} title={document?.filename ?? ""} onClose={onClose} wide>
      {document && (
        <div className="preview">
          <PreviewBody document={document} />
          <p className="preview-actions">
            <a className="button button-small" href={contentUrl(document.id)} download>
              Download
            </a>
            <span className="muted small">{kindOf(document.media_type)}</span>
          </p>
        </div>
      )}
    </Dialog>
  );
}

function PreviewBody({ document }: { document: Document }) {
  if (document.media_type === "application/pdf") {
    // The server sends it with `Content-Security-Policy: sandbox`: whatever the PDF holds runs
    // with no origin, so it cannot reach the app or its cookies. No `sandbox` attribute here:
    // Chromium refuses to show a PDF in a frame sandboxed that way (the header it accepts).
    return (
      <iframe
        className="preview-frame"
        src={contentUrl(document.id, { inline: true })}
        title={`Preview of ${document.filename}`}
      />
    );
  }
  if (document.previewable) return <TextPreview document={document} />;
  return <ExtractedText document={document} />;
}

function TextPreview({ document }: { document: Document }) {
  const text = usePreviewText(document.id, true);
  if (text.isPending) return <Loading>Loading the text…</Loading>;
  if (text.isError) {
    return <ErrorAlert title="The preview could not be loaded." error={text.error} />;
  }
  return <TextBox label={`Preview of ${document.filename}`} text={text.data} />;
}

function ExtractedText({ document }: { document: Document }) {
  const detail = useDocumentDetail(document.id, true);
  if (detail.isPending) return <Loading>Loading the text…</Loading>;
  if (detail.isError) {
    return <ErrorAlert title="The text could not be loaded." error={detail.error} />;
  }
  const { extracted_text: text, extraction_note: note, text_status: status } = detail.data;
  if (status === "pending") return <Loading>Reading the text…</Loading>;
  return (
    <>
      <p className="muted small">
        Browsers cannot show Word files. Here is the text read from it; download the file to see
        it as it was sent.
      </p>
      {note && <p className="alert alert-info small">{note}</p>}
      {text.trim() ? (
        <TextBox label={`Text of ${document.filename}`} text={text} />
      ) : (
        !note && <p className="muted">No text could be read from this file.</p>
      )}
    </>
  );
}

/** Long text in a box that scrolls; focusable, so the keyboard can scroll it too. */
function TextBox({ label, text }: { label: string; text: string }) {
  return (
    <pre className="preview-text" role="region" tabIndex={0} aria-label={label}>
      {text}
    </pre>
  );
}
