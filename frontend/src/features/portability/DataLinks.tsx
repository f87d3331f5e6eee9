// Beside the board and table: download what the table shows as CSV, or import a spreadsheet.
import { Link, useSearchParams } from "wouter";

import { exportHref } from "./queries";
import "./portability.css";

export function DataLinks() {
  // The table keeps its filters in the address; the board has none, so it exports everything.
  const [params] = useSearchParams();
  return (
    <span className="data-links">
      <a className="button" href={exportHref(params)} download>
        Export CSV
      </a>
      <Link className="button" href="/import">
        Import
      </Link>
    </span>
  );
}
