// Server state for "Upcoming": overdue deliverables and those due within the window, and ticking.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";
import { invalidate, keys } from "../../api/hooks";

export type Deliverable = Schemas["DeliverableOut"];
export type DeliverableState = Schemas["DeliverableState"];

/** The most the API hands out in one page; more than this in one view is not a to-do list. */
export const PAGE_SIZE = 200;

function startOfToday(): Date {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

function daysAfter(start: Date, days: number): Date {
  return new Date(start.getFullYear(), start.getMonth(), start.getDate() + days);
}

/** Due in the past and not done, whenever that was: these are always shown first. */
export function useOverdue() {
  return useQuery({
    queryKey: [...keys.deliverables, "overdue"],
    queryFn: () =>
      unwrap(
        api.GET("/api/deliverables", { params: { query: { overdue: true, limit: PAGE_SIZE } } }),
      ),
  });
}

/**
 * Everything due from the start of today through the end of the day `days` from now, done or
 * not: a ticked deliverable stays in place, struck through, instead of vanishing.
 */
export function useDueWithin(days: number) {
  const from = startOfToday();
  const until = daysAfter(from, days + 1);
  return useQuery({
    // The day is part of the key: a page left open overnight asks again for the new window.
    queryKey: [...keys.deliverables, "due", from.toISOString(), days],
    queryFn: () =>
      unwrap(
        api.GET("/api/deliverables", {
          params: {
            query: {
              due_after: from.toISOString(),
              due_before: until.toISOString(),
              limit: PAGE_SIZE,
            },
          },
        }),
      ),
  });
}

/** Tick a deliverable done, or untick it back to "not started". */
export function useSetDone() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ deliverable, done }: { deliverable: Deliverable; done: boolean }) =>
      unwrap(
        api.PATCH("/api/deliverables/{deliverable_id}", {
          params: { path: { deliverable_id: deliverable.id } },
          body: { state: done ? "done" : "not_started" },
        }),
      ),
    // Cards on the board show each application's next deliverable, so they change too.
    onSuccess: () => invalidate(client, keys.deliverables, keys.applications),
  });
}

/** Interviews from the start of today through the end of the day `days` from now. */
export function useInterviewsWithin(days: number) {
  const from = startOfToday();
  const until = daysAfter(from, days + 1);
  return useQuery({
    queryKey: [...keys.interviews, "within", from.toISOString(), days],
    queryFn: () =>
      unwrap(
        api.GET("/api/interviews", {
          params: {
            query: {
              starts_after: from.toISOString(),
              starts_before: until.toISOString(),
              limit: PAGE_SIZE,
            },
          },
        }),
      ),
  });
}
