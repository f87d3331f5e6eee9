// A table's column headers that sort it: a button per sortable column, the direction shown and
// told to screen readers. `sort` is a column's key, with a leading "-" for descending.

export type SortColumn = { key: string; label: string; sortable: boolean; numeric?: boolean };

/** "name, descending": the sort in words, for a table's caption. */
export function describeSort(columns: readonly SortColumn[], sort: string): string {
  const key = sort.replace(/^-/, "");
  const label = columns.find((column) => column.key === key)?.label ?? key;
  return `${label.toLowerCase()}, ${sort.startsWith("-") ? "descending" : "ascending"}`;
}

export function SortHeaderCell({
  column,
  sort,
  onSort,
}: {
  column: SortColumn;
  sort: string;
  onSort: (key: string) => void;
}) {
  const className = column.numeric ? "numeric" : undefined;
  if (!column.sortable) {
    return (
      <th scope="col" className={className}>
        {column.label}
      </th>
    );
  }
  const direction =
    sort === column.key ? "ascending" : sort === `-${column.key}` ? "descending" : undefined;
  return (
    <th scope="col" className={className} aria-sort={direction ?? "none"}>
      <button type="button" className="sort-button" onClick={() => onSort(column.key)}>
        {column.label}
        <span aria-hidden="true">
          {direction === "ascending" ? "▲" : direction === "descending" ? "▼" : "↕"}
        </span>
      </button>
    </th>
  );
}
