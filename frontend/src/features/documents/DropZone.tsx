// Where files come in: dropped on the zone or picked with "Choose files", each sent on its own
// with a progress bar, and each refusal (wrong type, too large, over quota) shown beside it.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type DragEvent } from "react";

import { ApiError, messageOf } from "../../api/client";
import { useMeta } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ACCEPT, formatBytes } from "./format";
import { refreshDocuments } from "./queries";
import { uploadDocument } from "./upload";
import "./documents.css";

type UploadState = "waiting" | "sending" | "reading" | "stored" | "known" | "failed";

type UploadRow = {
  key: number;
  name: string;
  size: number;
  progress: number;
  state: UploadState;
  error?: string;
};

const MIB = 1024 * 1024;
const FINISHED: ReadonlySet<UploadState> = new Set(["stored", "known", "failed"]);

function statusText(row: UploadRow, linking: boolean): string {
  switch (row.state) {
    case "waiting":
      return "Waiting…";
    case "sending":
      return `Uploading… ${row.progress}%`;
    case "reading":
      return "Reading the text…";
    case "stored":
      return "Uploaded";
    case "known":
      return linking
        ? "Already in your documents; now attached here too"
        : "Already in your documents";
    case "failed":
      return "Not uploaded";
  }
}

function hasFiles(event: DragEvent<HTMLElement> | globalThis.DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes("Files");
}

export function DropZone({ applicationId }: { applicationId?: number }) {
  const client = useQueryClient();
  const limits = useMeta().data?.limits;
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const [rows, setRows] = useState<UploadRow[]>([]);
  const [over, setOver] = useState(false);
  const nextKey = useRef(1);
  // One file at a time, in the order given: the quota is counted in that order too.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const stop = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    stop.current = controller;
    // A file dropped just beside the zone would otherwise replace the whole app with it.
    const keepFileInTab = (event: globalThis.DragEvent) => {
      if (hasFiles(event)) event.preventDefault();
    };
    window.addEventListener("dragover", keepFileInTab);
    window.addEventListener("drop", keepFileInTab);
    return () => {
      controller.abort();
      window.removeEventListener("dragover", keepFileInTab);
      window.removeEventListener("drop", keepFileInTab);
    };
  }, []);

  function change(key: number, update: Partial<UploadRow>) {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...update } : row)));
  }

  /** The server's message; when the connection was cut instead, what most likely cut it. */
  function reasonFor(error: unknown, file: File): string {
    const limitBytes = (limits?.max_upload_mb ?? 0) * MIB;
    if (error instanceof ApiError && error.status === 0 && limitBytes && file.size > limitBytes) {
      return (
        `“${file.name}” is larger than this instance's upload limit of ` +
        `${limits?.max_upload_mb} MB. Upload a smaller file.`
      );
    }
    return messageOf(error);
  }

  async function send(key: number, file: File) {
    const signal = stop.current?.signal;
    if (signal?.aborted) return;
    change(key, { state: "sending" });
    try {
      const stored = await uploadDocument(file, {
        applicationId,
        signal,
        onProgress: (progress) => change(key, { progress }),
        onSent: () => change(key, { state: "reading", progress: 100 }),
      });
      change(key, { state: stored.created ? "stored" : "known", progress: 100 });
      void refreshDocuments(client);
    } catch (error) {
      if (signal?.aborted) return;
      change(key, { state: "failed", error: reasonFor(error, file) });
    }
  }

  function add(files: FileList | null) {
    if (!files || files.length === 0) return;
    const added = Array.from(files).map((file) => ({ file, key: nextKey.current++ }));
    setRows((current) => [
      ...current,
      ...added.map(({ file, key }) => ({
        key,
        name: file.name,
        size: file.size,
        progress: 0,
        state: "waiting" as const,
      })),
    ]);
    for (const { file, key } of added) {
      queue.current = queue.current.then(() => send(key, file));
    }
  }

  function drop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setOver(false);
    add(event.dataTransfer.files);
  }

  const anyFinished = rows.some((row) => FINISHED.has(row.state));
  const linking = applicationId !== undefined;

  return (
    <div className="uploader">
      <div
        className={over ? "drop-zone is-over" : "drop-zone"}
        onDragEnter={(event) => {
          if (hasFiles(event)) setOver(true);
        }}
        onDragOver={(event) => {
          if (!hasFiles(event)) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = "copy";
          setOver(true);
        }}
        onDragLeave={(event) => {
          // Leaving for a child of the zone (its text, its button) is not leaving it.
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
        }}
        onDrop={drop}
      >
        <p className="drop-zone-text">
          <strong>Drop files here</strong> <span className="muted">or</span>
        </p>
        <input
          id={inputId}
          type="file"
          multiple
          accept={ACCEPT}
          className="visually-hidden file-input"
          aria-describedby={hintId}
          onChange={(event) => {
            add(event.target.files);
            // The same file chosen again (after fixing it) must fire another change.
            event.target.value = "";
          }}
        />
        <label htmlFor={inputId} className="button button-small">
          Choose files
        </label>
        <p id={hintId} className="field-hint">
          PDF, Word (.docx), plain text or Markdown
          {limits ? `, up to ${limits.max_upload_mb} MB each` : ""}.
          {linking ? " Each file is attached to this application." : ""}
        </p>
      </div>

      {rows.length > 0 && (
        <>
          <ul className="uploads" aria-label="Uploads">
            {rows.map((row) => (
              <li key={row.key} className={`upload upload-${row.state}`}>
                <div className="upload-head">
                  <span className="upload-name">{row.name}</span>
                  <span className="muted small">{formatBytes(row.size)}</span>
                </div>
                {row.state !== "failed" && (
                  <div
                    className="progress"
                    role="progressbar"
                    aria-label={`Upload of ${row.name}`}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={row.progress}
                    aria-valuetext={statusText(row, linking)}
                  >
                    <span style={{ width: `${row.progress}%` }} />
                  </div>
                )}
                {row.state === "failed" ? (
                  <p className="upload-error" role="alert">
                    <strong>Not uploaded. </strong>
                    {row.error}
                  </p>
                ) : (
                  <p className="upload-status small">{statusText(row, linking)}</p>
                )}
              </li>
            ))}
          </ul>
          {anyFinished && (
            <Button
              size="small"
              variant="ghost"
              onClick={() =>
                setRows((current) => current.filter((row) => !FINISHED.has(row.state)))
              }
            >
              Clear finished
            </Button>
          )}
        </>
      )}
    </div>
  );
}
