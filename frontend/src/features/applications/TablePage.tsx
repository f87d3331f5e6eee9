// The same applications as a table: sort by a column, filter by stage, tag and whether they are
// archived, search, page; tick some to act on them at once (BulkBar).
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "wouter";

import { labelOf, useMeta } from "../../api/hooks";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField, TextField } from "../../components/Field";
import { Loading, Spinner } from "../../components/Loading";
import { describeSort, SortHeaderCell, type SortColumn } from "../../components/SortableHeader";
import { formatDate, formatMoment, relativeDay } from "../../lib/format";
import { useDebounced } from "../../lib/useDebounced";
import { useTitle } from "../../lib/useTitle";
import { ApplicationsToolbar } from "./ApplicationsToolbar";
import { BulkBar } from "./BulkBar";
import {
  useApplicationList,
  useTags,
  type Application,
  type ArchivedFilter,
  type Stage,
} from "./queries";

const PAGE_SIZE = 25;
const DEFAULT_SORT = "-updated_at";
const ARCHIVED_CHOICES: { value: "" | ArchivedFilter; label: string }[] = [
  { value: "", label: "Not archived" },
  { value: "include", label: "Archived too" },
  { value: "only", label: "Archived only" },
];

const COLUMNS: SortColumn[] = [
  { key: "company", label: "Company", sortable: true },
  { key: "role", label: "Role", sortable: true },
  { key: "stage", label: "Stage", sortable: true },
  { key: "priority", label: "Priority", sortable: true },
  { key: "next", label: "Next deliverable", sortable: false },
  { key: "deadline", label: "Deadline", sortable: true },
  { key: "applied_on", label: "Applied on", sortable: true },
  { key: "updated_at", label: "Updated", sortable: true },
];

export default function TablePage() {
  useTitle("Applications table");
  const meta = useMeta();
  const tags = useTags();
  // Filters live in the address, so a filtered view survives a reload and can be bookmarked.
  const [params, setParams] = useSearchParams();
  const stage = params.get("stage") ?? "";
  const tag = params.get("tag") ?? "";
  const archivedParam = params.get("archived");
  const archived = archivedParam === "include" || archivedParam === "only" ? archivedParam : "";
  const sort = params.get("sort") ?? DEFAULT_SORT;
  const page = Math.max(1, Number(params.get("page")) || 1);
  const [search, setSearch] = useState(params.get("q") ?? "");
  const q = useDebounced(search.trim(), 300);
  // Ids ticked on this page; another page, filter or sort starts a new selection.
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const view = JSON.stringify([q, stage, tag, archived, sort, page]);
  useEffect(() => setSelected(new Set()), [view]);

  function update(changes: Record<string, string>, resetPage = true) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        if (resetPage) next.delete("page");
        return next;
      },
      { replace: true },
    );
  }

  useEffect(() => {
    if (q !== (params.get("q") ?? "")) update({ q });
    // Only the settled search text writes to the address, not every key typed.
  }, [q]);

  const list = useApplicationList({
    q: q || undefined,
    stage: stage ? [stage as Stage] : undefined,
    tag: tag ? [tag] : undefined,
    // Unset: the API leaves archived ones out, but a search finds them too.
    archived: archived || undefined,
    sort,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });

  const filtered = Boolean(q || stage || tag || archived);
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, page * PAGE_SIZE);

  function sortBy(key: string) {
    const descending = sort === key;
    update({ sort: descending ? `-${key}` : key });
  }

  function clearFilters() {
    setSearch("");
    update({ q: "", stage: "", tag: "", archived: "" });
  }

  const items = list.data?.items ?? [];
  const shownIds = items.map((application) => application.id);
  const allTicked = shownIds.length > 0 && shownIds.every((id) => selected.has(id));
  const someTicked = shownIds.some((id) => selected.has(id));

  function tick(id: number, on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  return (
    <div className="page">
      <div className="page-header">
        <h1>Applications</h1>
      </div>
      <ApplicationsToolbar view="table" />
      <div className="filters" role="search" aria-label="Filter applications">
        <TextField
          label="Search"
          type="search"
          placeholder="Company, role or notes"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <SelectField
          label="Stage"
          value={stage}
          onChange={(event) => update({ stage: event.target.value })}
          options={[
            { value: "", label: "All stages" },
            ...(meta.data?.stages ?? []).map((choice) => ({ value: choice.id, label: choice.label })),
          ]}
        />
        <SelectField
          label="Tag"
          value={tag}
          onChange={(event) => update({ tag: event.target.value })}
          error={tags.error ? "Tags could not be loaded." : undefined}
          options={[
            { value: "", label: "All tags" },
            ...(tags.data ?? []).map((choice) => ({
              value: choice.name,
              label: `${choice.name} (${choice.count})`,
            })),
          ]}
        />
        <SelectField
          label="Archived"
          value={archived}
          onChange={(event) => update({ archived: event.target.value })}
          options={ARCHIVED_CHOICES}
        />
      </div>

      {list.isPending && <Loading>Loading your applications…</Loading>}
      <ErrorAlert
        title="Your applications could not be loaded."
        error={list.error}
        action={
          <Button size="small" onClick={() => void list.refetch()}>
            Try again
          </Button>
        }
      />
      {list.data && total === 0 && !filtered && (
        <EmptyState title="No applications yet">
          <p>
            Add the first job you are interested in with <strong>New application</strong>; it
            will be listed here and on the board.
          </p>
        </EmptyState>
      )}
      {list.data && total === 0 && filtered && (
        <EmptyState
          title="No applications match these filters"
          action={<Button onClick={clearFilters}>Clear filters</Button>}
        >
          <p>Try other words, or another stage or tag.</p>
        </EmptyState>
      )}
      {list.data && total > 0 && (
        <>
          {selected.size > 0 && (
            <BulkBar
              ids={shownIds.filter((id) => selected.has(id))}
              onClear={() => setSelected(new Set())}
              showsArchived={Boolean(archived || q)}
            />
          )}
          <div className="table-wrap">
            <table className="data-table" aria-busy={list.isFetching || undefined}>
              <caption className="visually-hidden">
                Your applications, sorted by {describeSort(COLUMNS, sort)}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="select-cell">
                    <input
                      type="checkbox"
                      aria-label="Select every application on this page"
                      checked={allTicked}
                      ref={(box) => {
                        if (box) box.indeterminate = someTicked && !allTicked;
                      }}
                      onChange={(event) =>
                        setSelected(new Set(event.target.checked ? shownIds : []))
                      }
                    />
                  </th>
                  {COLUMNS.map((column) => (
                    <SortHeaderCell key={column.key} column={column} sort={sort} onSort={sortBy} />
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.map((application) => (
                  <Row
                    key={application.id}
                    application={application}
                    ticked={selected.has(application.id)}
                    onTick={(on) => tick(application.id, on)}
                    stageLabel={labelOf(meta.data?.stages, application.stage)}
                    priorityLabel={labelOf(meta.data?.priorities, application.priority)}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <div className="pager">
            <p className="muted" aria-live="polite">
              {list.isFetching ? (
                <>
                  <Spinner /> Updating…
                </>
              ) : (
                `Showing ${first}–${last} of ${total}`
              )}
            </p>
            <div className="button-row">
              <Button
                size="small"
                disabled={page <= 1}
                onClick={() => update({ page: String(page - 1) }, false)}
              >
                Previous page
              </Button>
              <span className="muted small">
                Page {page} of {pages}
              </span>
              <Button
                size="small"
                disabled={page >= pages}
                onClick={() => update({ page: String(page + 1) }, false)}
              >
                Next page
              </Button>
            </div>
          </div>
        </>
      )}
    </div>
  );
}

function Row({
  application,
  ticked,
  onTick,
  stageLabel,
  priorityLabel,
}: {
  application: Application;
  ticked: boolean;
  onTick: (on: boolean) => void;
  stageLabel: string;
  priorityLabel: string;
}) {
  const next = application.next_deliverable;
  return (
    <tr>
      <td className="select-cell">
        <input
          type="checkbox"
          aria-label={`Select ${application.company}, ${application.role}`}
          checked={ticked}
          onChange={(event) => onTick(event.target.checked)}
        />
      </td>
      <td className="wrap">
        <Link href={`/applications/${application.id}`}>{application.company}</Link>
        {application.archived_at && (
          <>
            {" "}
            <span className="badge">Archived</span>
          </>
        )}
        {application.tags.length > 0 && (
          <div className="tags">
            {application.tags.map((name) => (
              <span key={name} className="tag">
                {name}
              </span>
            ))}
          </div>
        )}
      </td>
      <td className="wrap">{application.role}</td>
      <td>
        <span className="badge badge-accent">{stageLabel}</span>
      </td>
      <td>{priorityLabel}</td>
      <td className={next?.overdue ? "wrap overdue" : "wrap"}>
        {next ? (
          <>
            {next.overdue && "Overdue: "}
            {next.title}
            {next.due_at && (
              <span className="muted small" title={formatMoment(next.due_at)}>
                {" "}
                · {relativeDay(next.due_at)}
              </span>
            )}
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>{formatDate(application.deadline) || <span className="muted">—</span>}</td>
      <td>{formatDate(application.applied_on) || <span className="muted">—</span>}</td>
      <td title={formatMoment(application.updated_at)}>{relativeDay(application.updated_at)}</td>
    </tr>
  );
}
