// The dashboard's filters live in the address (`?from=…&to=…&tag=…`): a reload, a bookmark or
// a shared link shows the same figures.
import { useSearchParams } from "wouter";

import type { DashboardFilters } from "./queries";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateParam(value: string | null): string {
  return value && ISO_DATE.test(value) ? value : "";
}

export function useDashboardFilters(): {
  filters: DashboardFilters;
  narrowed: boolean;
  update: (changes: Partial<DashboardFilters>) => void;
  clear: () => void;
} {
  const [params, setParams] = useSearchParams();
  const filters: DashboardFilters = {
    from: dateParam(params.get("from")),
    to: dateParam(params.get("to")),
    tag: params.get("tag")?.trim() ?? "",
  };

  function update(changes: Partial<DashboardFilters>) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  }

  return {
    filters,
    narrowed: Boolean(filters.from || filters.to || filters.tag),
    update,
    clear: () => update({ from: "", to: "", tag: "" }),
  };
}
