// Server state for applications: lists, one application, tags, stage history, and changes.
import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
  type QueryKey,
} from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";
import { invalidate, keys } from "../../api/hooks";

export type Application = Schemas["ApplicationOut"];
export type ApplicationPage = Schemas["Page_ApplicationOut_"];
export type ApplicationCreate = Schemas["ApplicationCreate"];
export type ApplicationUpdate = Schemas["ApplicationUpdate"];
export type Stage = Application["stage"];
export type CaptureRequest = Schemas["CaptureRequest"];
export type Capture = Schemas["CaptureOut"];
export type CapturedFields = Schemas["CapturedFields"];
export type FieldSource = Schemas["FieldSource"];
export type ArchivedFilter = Schemas["ArchivedFilter"];
export type BulkRequest = Schemas["BulkRequest"];
export type TrashedApplication = Schemas["TrashedApplication"];

export type ListFilters = {
  q?: string;
  stage?: Stage[];
  tag?: string[];
  sort?: string;
  archived?: ArchivedFilter;
  limit?: number;
  offset?: number;
};

/** The API's largest page: the board shows up to this many cards. */
export const BOARD_LIMIT = 200;

export function useApplicationList(filters: ListFilters) {
  return useQuery({
    queryKey: keys.applicationList(filters),
    queryFn: () => unwrap(api.GET("/api/applications", { params: { query: filters } })),
    placeholderData: keepPreviousData,
  });
}

export function useApplication(id: number) {
  return useQuery({
    queryKey: keys.application(id),
    queryFn: () =>
      unwrap(api.GET("/api/applications/{application_id}", { params: { path: { application_id: id } } })),
  });
}

export function useTags() {
  return useQuery({
    queryKey: keys.tags,
    queryFn: () => unwrap(api.GET("/api/applications/tags")),
  });
}

export function useStageEvents(id: number) {
  return useQuery({
    queryKey: keys.events(id),
    queryFn: () =>
      unwrap(
        api.GET("/api/applications/{application_id}/events", {
          params: { path: { application_id: id }, query: { limit: 200 } },
        }),
      ),
  });
}

/** One application's contacts: its Contacts section and the people an interview is with. */
export function useApplicationContacts(id: number) {
  return useQuery({
    queryKey: keys.contacts(id),
    queryFn: () =>
      unwrap(
        api.GET("/api/applications/{application_id}/contacts", {
          params: { path: { application_id: id }, query: { limit: 200 } },
        }),
      ),
  });
}

/** After any change to applications: lists, counts, usage and cross-application views. */
export function refreshApplications(client: QueryClient) {
  return invalidate(
    client,
    keys.applications,
    keys.meta,
    keys.deliverables,
    keys.writing,
    keys.documents,
  );
}

export function useCreateApplication() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplicationCreate) => unwrap(api.POST("/api/applications", { body })),
    onSuccess: () => refreshApplications(client),
  });
}

/** Read a posting's fields from its link or pasted text; nothing is saved. */
export function useCapture() {
  return useMutation({
    mutationFn: (body: CaptureRequest) => unwrap(api.POST("/api/capture", { body })),
  });
}

export function useUpdateApplication(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplicationUpdate) =>
      unwrap(
        api.PATCH("/api/applications/{application_id}", {
          params: { path: { application_id: id } },
          body,
        }),
      ),
    onSuccess: (application) => {
      client.setQueryData(keys.application(id), application);
      return refreshApplications(client);
    },
  });
}

/** What the cache holds about one application alone: its page and each of its sections. */
function partsOf(id: number): QueryKey[] {
  return [
    keys.application(id),
    keys.events(id),
    keys.applicationDeliverables(id),
    keys.contacts(id),
    keys.applicationInterviews(id),
    keys.conversation(id),
    keys.applicationWriting(id),
    keys.applicationDocuments(id),
  ];
}

/** Resolves once none of these queries is fetching. */
function untilSettled(client: QueryClient, queryKeys: QueryKey[]): Promise<void> {
  const fetching = () => queryKeys.some((queryKey) => client.isFetching({ queryKey }) > 0);
  return new Promise((resolve) => {
    if (!fetching()) return resolve();
    const stopListening = client.getQueryCache().subscribe(() => {
      if (fetching()) return;
      stopListening();
      resolve();
    });
  });
}

/**
 * Delete an application and `leave` its page. Its parts are dropped from the cache rather than
 * refreshed with everything else: each would now answer 404, and the browser log it. For the
 * same reason the DELETE waits for a section still loading (the page stops mounting new ones
 * while it is pending).
 */
export function useDeleteApplication(id: number, leave: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await untilSettled(client, partsOf(id));
      return unwrap(
        api.DELETE("/api/applications/{application_id}", {
          params: { path: { application_id: id } },
        }),
      );
    },
    onSuccess: () => {
      // Leave first: the page's sections unmount on the next render instead of fetching anew
      // the queries removed under them.
      leave();
      for (const queryKey of partsOf(id)) client.removeQueries({ queryKey });
      return refreshApplications(client);
    },
  });
}

/** Archive or bring back one application; its page shows the answer at once. */
export function useArchiveApplication(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (archive: boolean) => {
      const options = { params: { path: { application_id: id } } };
      return unwrap(
        archive
          ? api.POST("/api/applications/{application_id}/archive", options)
          : api.POST("/api/applications/{application_id}/unarchive", options),
      );
    },
    onSuccess: (application) => {
      client.setQueryData(keys.application(id), application);
      return refreshApplications(client);
    },
  });
}

const TRASH = ["applications", "trash"] as const;
export const TRASH_PAGE_SIZE = 50;

export function useTrash(offset: number) {
  return useQuery({
    queryKey: [...TRASH, offset],
    queryFn: () =>
      unwrap(api.GET("/api/applications/trash", { params: { query: { limit: TRASH_PAGE_SIZE, offset } } })),
    placeholderData: keepPreviousData,
  });
}

/** Bring applications back from the trash: the Undo after a delete, or the Trash page. */
export async function restoreFromTrash(ids: number[]): Promise<void> {
  const [only] = ids;
  if (ids.length === 1 && only !== undefined) {
    await unwrap(
      api.POST("/api/applications/trash/{application_id}/restore", {
        params: { path: { application_id: only } },
      }),
    );
  } else {
    await unwrap(api.POST("/api/applications/bulk", { body: { ids, action: "restore" } }));
  }
}

export function useRestoreFromTrash() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: restoreFromTrash,
    onSuccess: () => refreshApplications(client),
  });
}

export function useDeleteForGood() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(
        api.DELETE("/api/applications/trash/{application_id}", {
          params: { path: { application_id: id } },
        }),
      ),
    onSuccess: () => refreshApplications(client),
  });
}

export function useEmptyTrash() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/applications/trash")),
    onSuccess: () => refreshApplications(client),
  });
}

/** One action on many applications, all of them or none. */
export function useBulkAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkRequest) => unwrap(api.POST("/api/applications/bulk", { body })),
    onSuccess: (_result, body) => {
      // Deleted ones are dropped rather than refetched: each would answer 404.
      if (body.action === "delete") {
        for (const id of body.ids) client.removeQueries({ queryKey: keys.application(id) });
      }
      return refreshApplications(client);
    },
  });
}

const MOVE = ["applications", "move"] as const;
const LISTS = ["applications", "list"] as const;

/**
 * Move an application to another stage, at once on screen; the lists roll back if the
 * server refuses. Several moves may be in flight: lists refetch after the last one only.
 */
export function useMoveApplication() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: MOVE,
    mutationFn: ({ id, stage }: { id: number; stage: Stage; company: string }) =>
      unwrap(
        api.PATCH("/api/applications/{application_id}", {
          params: { path: { application_id: id } },
          body: { stage },
        }),
      ),
    onMutate: async ({ id, stage }) => {
      await client.cancelQueries({ queryKey: LISTS });
      const before = client.getQueriesData<ApplicationPage>({ queryKey: LISTS });
      client.setQueriesData<ApplicationPage>({ queryKey: LISTS }, (page) =>
        page
          ? { ...page, items: page.items.map((item) => (item.id === id ? { ...item, stage } : item)) }
          : page,
      );
      return { before };
    },
    onError: (_error, _move, context) => {
      for (const [key, page] of context?.before ?? []) client.setQueryData(key, page);
    },
    onSuccess: (application) => client.setQueryData(keys.application(application.id), application),
    onSettled: (_data, _error, { id }) => {
      void client.invalidateQueries({ queryKey: keys.events(id) });
      if (client.isMutating({ mutationKey: MOVE }) === 1) {
        return client.invalidateQueries({ queryKey: LISTS });
      }
      return undefined;
    },
  });
}
