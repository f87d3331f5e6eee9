// Server state for applications: lists, one application, tags, stage history, and changes.
import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
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

export type ListFilters = {
  q?: string;
  stage?: Stage[];
  tag?: string[];
  sort?: string;
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

export function useDeleteApplication(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE("/api/applications/{application_id}", {
          params: { path: { application_id: id } },
        }),
      ),
    onSuccess: () => {
      client.removeQueries({ queryKey: keys.application(id) });
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
