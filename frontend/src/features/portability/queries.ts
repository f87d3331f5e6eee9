// Server state for your data in and out: CSV preview and import, backup restore, calendar feed.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";
import { invalidate, keys } from "../../api/hooks";

export type ImportPreview = Schemas["ImportPreview"];
export type ImportResult = Schemas["ImportResult"];
export type ImportFieldName = Schemas["ImportField"]["name"];
export type ColumnMapping = ImportPreview["mapping"];
export type ParsedRow = Schemas["ParsedRow"];
export type CalendarFeed = Schemas["CalendarFeed"];
export type RestoreResult = Schemas["RestoreResult"];

export const EXPORT_CSV_PATH = "/api/export/applications.csv";
export const BACKUP_PATH = "/api/export/backup.json";
const calendarKey = ["calendar"] as const;

/** The CSV export of what the table shows: its search, stage, tag and sort, nothing else. */
export function exportHref(params: URLSearchParams): string {
  const query = new URLSearchParams();
  for (const name of ["q", "stage", "tag", "sort"]) {
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

export type ImportRequest = { file: File; mapping: ColumnMapping | null };

/** What importing this file with this mapping (null: guessed from the headers) would create. */
export function previewImport({ file, mapping }: ImportRequest): Promise<ImportPreview> {
  const sent = mapping ? JSON.stringify(mapping) : null;
  return unwrap(
    api.POST("/api/import/applications/preview", {
      body: { file: file.name, mapping: sent },
      bodySerializer: formOf({ file, mapping: sent }),
    }),
  );
}

export function useImportApplications() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, mapping }: ImportRequest): Promise<ImportResult> => {
      const sent = mapping ? JSON.stringify(mapping) : null;
      // Without Accept: application/x-ndjson the answer is the plain result.
      return unwrap(
        api.POST("/api/import/applications", {
          body: { file: file.name, mapping: sent, confirm: true },
          bodySerializer: formOf({ file, mapping: sent, confirm: "true" }),
        }),
      ) as Promise<ImportResult>;
    },
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
