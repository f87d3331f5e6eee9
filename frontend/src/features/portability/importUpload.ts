// Sending an import with progress both ways: the file's bytes going out (XMLHttpRequest upload
// events; fetch() reports none) and the server's rows written, which it streams as NDJSON
// lines {"done": n, "total": N} before the result. Like documents/upload.ts, it keeps the API
// client's rules by hand: the CSRF header, and errors as ApiError with the server's message.
import {
  ApiError,
  CSRF_COOKIE,
  CSRF_HEADER,
  errorFrom,
  readCookie,
  type Schemas,
} from "../../api/client";
import type { ImportProgressState } from "./queries";

type ImportResult = Schemas["ImportResult"];

const IMPORT_PATH = "/api/import/applications";
const NDJSON = "application/x-ndjson";

type Fields = { file: File; mapping: string | null; options: string | null };

export function runImport(
  { file, mapping, options }: Fields,
  onProgress: (progress: ImportProgressState) => void,
): Promise<ImportResult> {
  const form = new FormData();
  form.append("file", file, file.name);
  if (mapping) form.append("mapping", mapping);
  if (options) form.append("options", options);
  form.append("confirm", "true");
  const progress: ImportProgressState = { sent: 0, done: 0, total: null };

  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", IMPORT_PATH);
    request.setRequestHeader("Accept", NDJSON);
    const token = readCookie(CSRF_COOKIE);
    if (token) request.setRequestHeader(CSRF_HEADER, token);
    let read = 0;
    let last: unknown = null;

    // Each complete line of what has arrived: a progress step, the result, or an error.
    function readLines() {
      const text = request.responseText;
      const end = text.lastIndexOf("\n");
      if (end < read) return;
      for (const line of text.slice(read, end).split("\n")) {
        if (!line.trim()) continue;
        const step: unknown = JSON.parse(line);
        last = step;
        if (typeof step === "object" && step !== null && "done" in step && "total" in step) {
          const { done, total } = step as { done: number; total: number };
          onProgress({ ...progress, done, total });
        }
      }
      read = end + 1;
    }

    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        progress.sent = Math.round((event.loaded / event.total) * 100);
        onProgress({ ...progress });
      }
    };
    request.upload.onload = () => {
      progress.sent = 100;
      onProgress({ ...progress });
    };
    request.onprogress = () => {
      if (request.status >= 200 && request.status < 300) readLines();
    };
    request.onload = () => {
      if (request.status < 200 || request.status >= 300) {
        reject(errorFrom(request.status, parsed(request.responseText)));
        return;
      }
      try {
        readLines();
        const tail = request.responseText.slice(read).trim();
        if (tail) last = JSON.parse(tail);
      } catch {
        reject(new ApiError(request.status, "error", "The server's answer was cut short."));
        return;
      }
      if (typeof last === "object" && last !== null && "imported" in last) {
        resolve(last as ImportResult);
      } else {
        // An error after the import started is the stream's last line, in the usual shape.
        reject(errorFrom(500, last));
      }
    };
    request.onerror = () =>
      reject(
        new ApiError(
          0,
          "network_error",
          "The import was cut off. Check your connection, and that the file is within the " +
            "upload limit, then try again.",
        ),
      );
    request.send(form);
  });
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
