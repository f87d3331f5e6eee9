// A searchable list and each state it can be in: "Searching…" while a new search loads, loading,
// a failure with a retry, nothing matching (with a way back), nothing yet, and the items.
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";

import { Button } from "./Button";
import { EmptyState } from "./EmptyState";
import { ErrorAlert } from "./ErrorAlert";
import { Loading, Spinner } from "./Loading";

export function FilteredList<Page extends { items: unknown[] }>({
  filters,
  list,
  noun,
  filtered,
  onClearFilters,
  noMatchHint,
  empty,
  children,
}: {
  /** The search fields above the list. */
  filters: ReactNode;
  list: UseQueryResult<Page>;
  /** What the list holds, in the plural: "documents", "notes". */
  noun: string;
  /** Whether any filter is set: an empty answer then means "no match", not "nothing yet". */
  filtered: boolean;
  onClearFilters: () => void;
  noMatchHint: string;
  /** What to show before there is anything at all. */
  empty: ReactNode;
  children: (page: Page) => ReactNode;
}) {
  return (
    <>
      <div className="list-filters" role="search">
        {filters}
      </div>
      {list.isFetching && !list.isPending && (
        <p className="list-searching muted small" role="status">
          <Spinner /> Searching…
        </p>
      )}
      {list.isPending ? (
        <Loading>{`Loading your ${noun}…`}</Loading>
      ) : list.isError ? (
        <ErrorAlert
          title={`Could not load your ${noun}.`}
          error={list.error}
          action={
            <Button size="small" onClick={() => void list.refetch()}>
              Try again
            </Button>
          }
        />
      ) : list.data.items.length === 0 ? (
        filtered ? (
          <EmptyState
            title={`No ${noun} match.`}
            action={<Button onClick={onClearFilters}>Clear filters</Button>}
          >
            {noMatchHint}
          </EmptyState>
        ) : (
          empty
        )
      ) : (
        children(list.data)
      )}
    </>
  );
}
