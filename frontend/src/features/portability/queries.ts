// Server state for your data in and out: CSV preview and import, backup restore, calendar feed.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";
import { invalidate, keys } from "../../api/hooks";
import { runImport } from "./importUpload";

export type ImportPreview = Schemas["ImportPreview"];
export type ImportResult = Schemas["ImportResult"];
export type ImportFieldName = Schemas["ImportField"]["name"];
export type ColumnMapping = ImportPreview["mapping"];
export type ParsedRow = Schemas["ParsedRow"];
export type RowProblem = Schemas["RowProblem"];
export type StatusQuestion = Schemas["StatusQuestion"];
export type CalendarFeed = Schemas["CalendarFeed"];
export type RestoreResult = Schemas["RestoreResult"];

export const EXPORT_CSV_PATH = "/api/export/applications.csv";
export const BACKUP_PATH = "/api/export/backup.json";
const calendarKey = ["calendar"] as const;

/** The CSV export of what the table shows: its search, filters and sort, nothing else. */
export function exportHref(params: URLSearchParams): string {
  const query = new URLSearchParams();
  for (const name of ["q", "stage", "tag", "sort", "archived"]) {
    const value = params.get(name);
    if (value) query.set(name, value);
  }
  const search = query.toString();
  return search ? `${EXPORT_CSV_PATH}?${search}` : EXPORT_CSV_PATH;
}

/** A multipart body for openapi-fetch: the typed body is only for the types, this is sent. */
function formOf(fields: Record<string, string | Blob | null>): () => FormData {
  return () => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) {
      if (value !== null) form.append(name, value);
    }
    return form;
  };
}

export type Stage = NonNullable<Schemas["StatusQuestion"]["stage"]>;
export type ExtraPlacement = NonNullable<Schemas["ExtraColumn"]["placement"]>;
export type DateOrder = Schemas["DateColumn"]["order"];

/** The answers to the preview's questions: the `options` form field (ImportOptions). */
export type ImportOptions = {
  sheet?: string | null;
  status_map?: Record<string, Stage>;
  date_orders?: Record<string, DateOrder>;
  extra_columns?: Record<string, ExtraPlacement | null>;
  /** Line → {column: the cell's new text}. */
  fixes?: Record<string, Record<string, string>>;
  skip_lines?: number[];
  duplicates?: "skip" | "update";
};

export type ImportRequest = {
  file: File;
  mapping: ColumnMapping | null;
  options?: ImportOptions;
};

function fieldsOf({ file, mapping, options }: ImportRequest) {
  return {
    file,
    mapping: mapping ? JSON.stringify(mapping) : null,
    options: options ? JSON.stringify(options) : null,
  };
}

/** What importing this file with this mapping (null: guessed) and these answers would do. */
export function previewImport(request: ImportRequest): Promise<ImportPreview> {
  const { file, mapping, options } = fieldsOf(request);
  return unwrap(
    api.POST("/api/import/applications/preview", {
      body: { file: file.name, mapping, options },
      bodySerializer: formOf({ file, mapping, options }),
    }),
  );
}

/** The rows this import would leave out, as a CSV file saved by the browser. */
export async function downloadRejected(request: ImportRequest): Promise<void> {
  const { file, mapping, options } = fieldsOf(request);
  const blob = await unwrap(
    api.POST("/api/import/applications/rejected", {
      body: { file: file.name, mapping, options },
      bodySerializer: formOf({ file, mapping, options }),
      parseAs: "blob",
    }),
  );
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob as Blob);
  link.download = "rows-left-out.csv";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

export type ImportProgressState = {
  /** Percent of the file sent, 0–100. */
  sent: number;
  /** Applications written so far, and how many will be. */
  done: number;
  total: number | null;
};

export function useImportApplications(onProgress: (progress: ImportProgressState) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: ImportRequest) => runImport(fieldsOf(request), onProgress),
    // New applications show on the board and in the usage against the limit.
    onSuccess: () => invalidate(client, keys.applications, keys.meta, keys.deliverables),
  });
}

export function useRestoreBackup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      unwrap(
        api.POST("/api/import/backup", {
          body: { file: file.name },
          bodySerializer: formOf({ file }),
        }),
      ),
    // A restore fills every page at once: nothing cached from the empty account still holds.
    onSuccess: () => client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== keys.me[0] }),
  });
}

export function useCalendarFeed() {
  return useQuery({
    queryKey: calendarKey,
    queryFn: (): Promise<CalendarFeed> => unwrap(api.GET("/api/calendar")),
    // A refetch answers without the address, which only its creation shows: keep what we have.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useCreateCalendarLink() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/calendar/token")),
    // Only this answer holds the address (the server keeps a hash): keep it to show it.
    onSuccess: (feed) => client.setQueryData(calendarKey, feed),
  });
}

export function useRevokeCalendarLink() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/calendar/token")),
    onSuccess: () =>
      client.setQueryData<CalendarFeed>(calendarKey, { active: false, url: null, webcal_url: null }),
  });
}
