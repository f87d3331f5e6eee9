// Server state for the writing bank: the list and its filters, tags, one note, and changes.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";
import { invalidate, keys } from "../../api/hooks";

export type Writing = Schemas["WritingOut"];
export type WritingKind = Schemas["WritingKind"];
export type WritingDraft = Schemas["WritingCreate"];

/** More notes than this in one list is a search waiting to happen; the list says so. */
export const PAGE_SIZE = 200;

export type WritingFilters = { text: string; tag: string };

export function useWritingList({ text, tag }: WritingFilters) {
  return useQuery({
    queryKey: [...keys.writing, "list", { text, tag }],
    queryFn: () =>
      unwrap(
        api.GET("/api/writing", {
          params: {
            query: {
              q: text || null,
              tag: tag ? [tag] : null,
              sort: "-updated_at",
              limit: PAGE_SIZE,
            },
          },
        }),
      ),
    // Typing in the search box keeps the last answer on screen instead of a spinner.
    placeholderData: keepPreviousData,
  });
}

export function useWritingTags() {
  return useQuery({
    queryKey: [...keys.writing, "tags"],
    queryFn: () => unwrap(api.GET("/api/writing/tags")),
  });
}

export function useWriting(id: number | null) {
  return useQuery({
    queryKey: [...keys.writing, "one", id],
    queryFn: () =>
      unwrap(api.GET("/api/writing/{writing_id}", { params: { path: { writing_id: id ?? 0 } } })),
    enabled: id !== null,
  });
}

/** The user's applications, to link writing to; by company, as people look them up. */
export function useApplicationChoices() {
  const query = { sort: "company", limit: 200 };
  return useQuery({
    queryKey: keys.applicationList(query),
    queryFn: () => unwrap(api.GET("/api/applications", { params: { query } })),
  });
}

/** Create a note (`id` null) or save changes to one; either way the saved note comes back. */
export function useSaveWriting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, draft }: { id: number | null; draft: WritingDraft }) =>
      id === null
        ? unwrap(api.POST("/api/writing", { body: draft }))
        : unwrap(
            api.PATCH("/api/writing/{writing_id}", {
              params: { path: { writing_id: id } },
              body: draft,
            }),
          ),
    onSuccess: (saved) => {
      client.setQueryData([...keys.writing, "one", saved.id], saved);
      return invalidate(client, keys.writing);
    },
  });
}

export function useDeleteWriting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(api.DELETE("/api/writing/{writing_id}", { params: { path: { writing_id: id } } })),
    onSuccess: (_nothing, id) => {
      client.removeQueries({ queryKey: [...keys.writing, "one", id] });
      return invalidate(client, keys.writing);
    },
  });
}
