// Above the board and the table: the view switch, usage against the limit, "New application".
import { useState } from "react";
import { Link } from "wouter";

import { useMeta } from "../../api/hooks";
import { Button } from "../../components/Button";
import { plural } from "../../lib/format";
import { DataLinks } from "../portability/DataLinks";
import { NewApplicationDialog } from "./NewApplicationDialog";

export function ApplicationsToolbar({ view }: { view: "board" | "table" }) {
  const meta = useMeta();
  const [creating, setCreating] = useState(false);

  const used = meta.data?.usage?.applications ?? 0;
  // The caller's own limit: the admin may have set one apart from the instance's.
  const limit = meta.data?.usage?.max_applications ?? 0; // 0: unlimited
  const atLimit = limit > 0 && used >= limit;
  const share = limit > 0 ? Math.min(100, Math.round((used / limit) * 100)) : 0;

  return (
    <div className="toolbar">
      <nav aria-label="View" className="view-switch">
        <ul>
          <li>
            <Link href="/" aria-current={view === "board" ? "page" : undefined}>
              Board view
            </Link>
          </li>
          <li>
            <Link href="/table" aria-current={view === "table" ? "page" : undefined}>
              Table view
            </Link>
          </li>
          <li>
            <Link href="/trash">Trash</Link>
          </li>
        </ul>
      </nav>
      <span className="spacer" />
      {meta.data && (
        <p className="usage">
          {limit > 0 && (
            <span className={atLimit ? "usage-meter full" : "usage-meter"} aria-hidden="true">
              <span style={{ width: `${share}%` }} />
            </span>
          )}
          <span>
            {limit > 0 ? `${used} of ${limit} applications` : plural(used, "application")}
          </span>
        </p>
      )}
      <DataLinks />
      <Button
        variant="primary"
        onClick={() => setCreating(true)}
        disabled={!meta.data || atLimit}
        aria-describedby={atLimit ? "application-limit" : undefined}
      >
        New application
      </Button>
      {atLimit && (
        <p id="application-limit" className="limit-note" role="status">
          You have reached your limit of {limit} {limit === 1 ? "application" : "applications"}.
          Delete one you no longer need to add another, or ask the instance&apos;s admin to raise
          the limit.
        </p>
      )}
      <NewApplicationDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
