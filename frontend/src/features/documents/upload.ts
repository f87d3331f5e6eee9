// Uploading one file to POST /api/documents with progress, for the progress bar beside it.
//
// Not the generated client: openapi-fetch is built on fetch(), and fetch() reports no upload
// progress, so this one call uses XMLHttpRequest. It keeps the client's two rules by hand: the
// CSRF header on a cookie-authenticated write, and errors as ApiError with the server's message.
import {
  ApiError,
  CSRF_COOKIE,
  CSRF_HEADER,
  errorFrom,
  readCookie,
  type Schemas,
} from "../../api/client";

export type UploadedDocument = Schemas["UploadedDocument"];

const UPLOAD_PATH = "/api/documents";

export type UploadOptions = {
  /** Link the stored document to this application. */
  applicationId?: number | undefined;
  /** Store it as a new version of this document (taking its kind). */
  versionOf?: number | undefined;
  /** Called with 0–100 as the bytes go out. */
  onProgress?: (percent: number) => void;
  /** Called once every byte is sent, while the server reads the file's text. */
  onSent?: () => void;
  signal?: AbortSignal;
};

/**
 * Send one file; resolves with what the server stored (its `created` is false when the same
 * bytes were already there), rejects with an ApiError (413, 415, 403 quota…) or a network one.
 */
export function uploadDocument(file: File, options: UploadOptions = {}): Promise<UploadedDocument> {
  const { applicationId, versionOf, onProgress, onSent, signal } = options;
  const form = new FormData();
  form.append("files", file, file.name);
  if (applicationId !== undefined) form.append("application_id", String(applicationId));
  if (versionOf !== undefined) form.append("version_of", String(versionOf));

  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ApiError(0, "aborted", "The upload was cancelled."));
      return;
    }
    const request = new XMLHttpRequest();
    request.open("POST", UPLOAD_PATH);
    request.responseType = "json";
    const token = readCookie(CSRF_COOKIE);
    if (token) request.setRequestHeader(CSRF_HEADER, token);

    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        onProgress?.(Math.round((event.loaded / event.total) * 100));
      }
    };
    request.upload.onload = () => {
      onProgress?.(100);
      onSent?.();
    };
    request.onload = () => {
      const body: unknown = request.response;
      if (request.status < 200 || request.status >= 300) {
        reject(errorFrom(request.status, body));
        return;
      }
      const [stored] = Array.isArray(body) ? (body as UploadedDocument[]) : [];
      if (stored) resolve(stored);
      else reject(new ApiError(request.status, "error", "The server stored nothing."));
    };
    request.onerror = () =>
      reject(
        new ApiError(
          0,
          "network_error",
          "The upload was cut off. Check your connection, and that the file is within the " +
            "upload limit, then try again.",
        ),
      );
    request.onabort = () => reject(new ApiError(0, "aborted", "The upload was cancelled."));

    signal?.addEventListener("abort", () => request.abort(), { once: true });
    request.send(form);
  });
}
