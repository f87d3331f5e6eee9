// Server state for the dashboard: every figure and chart in one request, for the filters chosen;
// the results by group beside it; the weekly goal and its progress.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";
import { keys } from "../../api/hooks";

export type Analytics = Schemas["Analytics"];
export type Rate = Schemas["Rate"];
export type Count = Schemas["Count"];
export type Stage = Schemas["Stage"];
export type Interval = Schemas["Interval"];

/** The filters as they stand in the address: empty strings mean "not filtered". */
export type DashboardFilters = { from: string; to: string; tag: string };

/** The filters as the analytics endpoints take them: unset ones left out. */
function filterQuery(filters: DashboardFilters) {
  return {
    date_from: filters.from || undefined,
    date_to: filters.to || undefined,
    tag: filters.tag ? [filters.tag] : undefined,
  };
}

/** `enabled: false` while the filters cannot be asked for (a range that ends before it starts). */
export function useAnalytics(filters: DashboardFilters, enabled = true) {
  return useQuery({
    enabled,
    // Kept under "applications": every change to an application or a deliverable already
    // invalidates that key, so the dashboard is never stale after an edit elsewhere.
    queryKey: [...keys.applications, "analytics", filters],
    queryFn: () =>
      unwrap(
        api.GET("/api/analytics", {
          params: { query: filterQuery(filters) },
        }),
      ),
    // Changing a filter keeps the old figures on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

export type GroupedResults = Schemas["GroupedResults"];
export type GroupedDimension = Schemas["GroupedDimension"];
export type ResultGroup = Schemas["ResultGroup"];
export type RateWithInterval = Schemas["RateWithInterval"];
export type WeeklyGoals = Schemas["WeeklyGoals"];
export type WeeklyGoalsUpdate = Schemas["WeeklyGoalsUpdate"];

/** Rates by resume, source, work mode and month: a request of its own, asked for once its card
 *  comes near the screen, so the figures never wait for it. */
export function useGroupedResults(filters: DashboardFilters, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...keys.applications, "analytics", "results", filters],
    queryFn: () =>
      unwrap(
        api.GET("/api/analytics/results", {
          params: { query: filterQuery(filters) },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

// Under "applications" too: progress moves with every application applied for.
const goalsKey = [...keys.applications, "goals"] as const;

export function useWeeklyGoals() {
  return useQuery({ queryKey: goalsKey, queryFn: () => unwrap(api.GET("/api/goals")) });
}

export function useSetWeeklyGoals() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: WeeklyGoalsUpdate) => unwrap(api.PUT("/api/goals", { body })),
    onSuccess: (goals) => client.setQueryData(goalsKey, goals),
  });
}
