// Server state for the dashboard: every figure and chart in one request, for the filters chosen.
import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";
import { keys } from "../../api/hooks";

export type Analytics = Schemas["Analytics"];
export type Rate = Schemas["Rate"];
export type Count = Schemas["Count"];
export type Stage = Schemas["Stage"];
export type Interval = Schemas["Interval"];

/** The filters as they stand in the address: empty strings mean "not filtered". */
export type DashboardFilters = { from: string; to: string; tag: string };

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
          params: {
            query: {
              date_from: filters.from || undefined,
              date_to: filters.to || undefined,
              tag: filters.tag ? [filters.tag] : undefined,
            },
          },
        }),
      ),
    // Changing a filter keeps the old figures on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}
