// Server state for documents: the library and its filters, one application's documents, the
// text of a preview, and changes (rename, links, delete). Uploads are in upload.ts.
import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";
import { invalidate, keys } from "../../api/hooks";

export type Document = Schemas["DocumentOut"];
export type MediaType = Schemas["MediaType"];
export type DocumentUpdate = Schemas["DocumentUpdate"];
export type DocumentKind = Schemas["DocumentKind"];

/** More documents than this in one list is a search waiting to happen; the page says so. */
export const PAGE_SIZE = 200;

/** PDF and Word text is read after the upload; until it is, lists look again this often. */
const READING_POLL_MS = 2000;

function whileReading(page: { items: Document[] } | undefined): number | false {
  return page?.items.some((document) => document.text_status === "pending")
    ? READING_POLL_MS
    : false;
}

export type DocumentFilters = { text: string; mediaType: MediaType | "" };

/** Where the bytes are: saved as a file, or shown in the page (`inline`) for PDF and text. */
export function contentUrl(id: number, { inline = false }: { inline?: boolean } = {}): string {
  return `/api/documents/${id}/content${inline ? "?inline=1" : ""}`;
}

export function useDocumentList({ text, mediaType }: DocumentFilters) {
  return useQuery({
    queryKey: [...keys.documents, "list", { text, mediaType }],
    queryFn: () =>
      unwrap(
        api.GET("/api/documents", {
          params: {
            query: {
              q: text || null,
              media_type: mediaType ? [mediaType] : null,
              limit: PAGE_SIZE,
            },
          },
        }),
      ),
    // Typing in the search box keeps the last answer on screen instead of a spinner.
    placeholderData: keepPreviousData,
    refetchInterval: (query) => whileReading(query.state.data),
  });
}

export function useApplicationDocuments(applicationId: number) {
  return useQuery({
    queryKey: keys.applicationDocuments(applicationId),
    queryFn: () =>
      unwrap(
        api.GET("/api/applications/{application_id}/documents", {
          params: { path: { application_id: applicationId }, query: { limit: PAGE_SIZE } },
        }),
      ),
    refetchInterval: (query) => whileReading(query.state.data),
  });
}

/** The user's documents of one kind (their resumes, say), newest first, to choose from. */
export function useDocumentsOfKind(kind: DocumentKind) {
  return useQuery({
    queryKey: [...keys.documents, "kind", kind],
    queryFn: () =>
      unwrap(api.GET("/api/documents", { params: { query: { kind, limit: PAGE_SIZE } } })),
  });
}

/** A document with the text read from it (for Word files, which the browser cannot show). */
export function useDocumentDetail(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.documents, "one", id],
    queryFn: () =>
      unwrap(api.GET("/api/documents/{document_id}", { params: { path: { document_id: id } } })),
    enabled,
    refetchInterval: (query) =>
      query.state.data?.text_status === "pending" ? READING_POLL_MS : false,
  });
}

/** A text or Markdown file's own words, from the same address the preview frame would use. */
export function usePreviewText(id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.documents, "text", id],
    queryFn: async () => {
      const text = await unwrap(
        api.GET("/api/documents/{document_id}/content", {
          params: { path: { document_id: id }, query: { inline: true } },
          parseAs: "text",
        }),
      );
      return String(text);
    },
    enabled,
    // The bytes of a document never change; only a new upload makes a new document.
    staleTime: Infinity,
  });
}

/** The user's applications, to attach documents to; by company, as people look them up. */
export function useApplicationChoices() {
  const query = { sort: "company", limit: 200 };
  return useQuery({
    queryKey: keys.applicationList(query),
    queryFn: () => unwrap(api.GET("/api/applications", { params: { query } })),
  });
}

/** After any change to documents: every list of them, and the storage used in /api/meta. */
export function refreshDocuments(client: QueryClient) {
  return invalidate(client, keys.documents, keys.meta);
}

export function useUpdateDocument(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DocumentUpdate) =>
      unwrap(
        api.PATCH("/api/documents/{document_id}", { params: { path: { document_id: id } }, body }),
      ),
    onSuccess: () => refreshDocuments(client),
  });
}

export function useDeleteDocument(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.DELETE("/api/documents/{document_id}", { params: { path: { document_id: id } } })),
    onSuccess: () => {
      client.removeQueries({ queryKey: [...keys.documents, "one", id] });
      client.removeQueries({ queryKey: [...keys.documents, "text", id] });
      return refreshDocuments(client);
    },
  });
}
