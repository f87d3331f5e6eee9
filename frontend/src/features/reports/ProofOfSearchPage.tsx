// Proof of search: for a benefits office or a visa authority, every application sent in a range
// of days, with where it was found, the date, contacts, the resume sent and its stage history,
// as a PDF to print or a CSV for a spreadsheet.
import { useState, type FormEvent } from "react";
import { Link } from "wouter";

import { ApiError, fieldError } from "../../api/client";
import { useCurrentUser } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField, TextField } from "../../components/Field";
import { useTitle } from "../../lib/useTitle";
import { useDownloadReport, type Paper, type ReportFormat } from "./queries";
import "./reports.css";

const PAPERS = [
  { value: "a4", label: "A4" },
  { value: "letter", label: "US Letter" },
];

/** YYYY-MM-DD of a day in the user's own time zone. */
function dayIn(timeZone: string, date: Date): string {
  // The Swedish format is ISO's.
  return new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short" }).format(date);
}

function monthBefore(day: string): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const before = new Date(Date.UTC(year, month - 2, date + 1));
  return before.toISOString().slice(0, 10);
}

function twoYearsAfter(day: string): string {
  return `${Number(day.slice(0, 4)) + 2}${day.slice(4)}`;
}

/** What is wrong with the range, in the words the server would use; nothing when it is fine. */
function rangeProblems(from: string, to: string): { from?: string; to?: string } {
  if (!from) return { from: "Choose the first day." };
  if (!to) return { to: "Choose the last day." };
  if (to < from) return { to: "Choose a last day on or after the first day." };
  if (to >= twoYearsAfter(from)) {
    return { to: "Choose a range of at most two years; make one report for each part." };
  }
  return {};
}

function defaultPaper(): Paper {
  // The United States and Canada print on Letter; nearly everyone else on A4.
  return /-(US|CA)$/i.test(navigator.language) ? "letter" : "a4";
}

export default function ProofOfSearchPage() {
  useTitle("Proof of search");
  const user = useCurrentUser();
  const today = dayIn(user.time_zone, new Date());
  const [from, setFrom] = useState(() => monthBefore(today));
  const [to, setTo] = useState(today);
  const [paper, setPaper] = useState<Paper>(defaultPaper);
  const [checked, setChecked] = useState(false);
  const download = useDownloadReport();
  const problems = rangeProblems(from, to);
  const shown = checked ? problems : {};

  function ask(format: ReportFormat) {
    setChecked(true);
    download.reset();
    if (problems.from || problems.to) return;
    download.mutate({ from, to, paper, format });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    ask("pdf");
  }

  const serverSaid = download.error instanceof ApiError ? download.error : null;
  return (
    <div className="page reports-page">
      <header className="page-header">
        <div>
          <h1>Proof of search</h1>
          <p className="subtitle">
            For a benefits office or a visa authority: every application you sent in a range of
            days, with where you found it, the date you applied, your contacts there, the resume
            you sent and each stage it went through.
          </p>
        </div>
      </header>
      <section className="panel" aria-labelledby="proof-heading">
        <h2 id="proof-heading">Make a report</h2>
        <form className="proof-form" onSubmit={submit} noValidate>
          <TextField
            label="From"
            type="date"
            value={from}
            max={to || undefined}
            required
            onChange={(event) => setFrom(event.target.value)}
            error={shown.from ?? fieldError(serverSaid, "query.date_from")}
          />
          <TextField
            label="To"
            type="date"
            value={to}
            min={from || undefined}
            required
            onChange={(event) => setTo(event.target.value)}
            error={shown.to ?? fieldError(serverSaid, "query.date_to")}
          />
          <SelectField
            label="Paper"
            value={paper}
            options={PAPERS}
            onChange={(event) => setPaper(event.target.value as Paper)}
          />
          <div className="form-actions proof-actions">
            <Button
              type="submit"
              variant="primary"
              busy={download.isPending && download.variables.format === "pdf"}
              disabled={download.isPending}
            >
              Download PDF
            </Button>
            <Button
              busy={download.isPending && download.variables.format === "csv"}
              disabled={download.isPending}
              onClick={() => ask("csv")}
            >
              Download CSV
            </Button>
          </div>
        </form>
        <ErrorAlert title="The report was not made." error={download.error} />
        {download.isSuccess && (
          <p role="status" className="small">
            Your {download.data === "pdf" ? "PDF" : "CSV"} report is downloaded.
          </p>
        )}
        <p className="small muted proof-note">
          An application counts on the day you applied, or when it has no date, on the day it
          first moved to Applied or further. Dates and times are in your time zone,{" "}
          {user.time_zone} (<Link href="/settings">change it in Settings</Link>). A report holds
          up to two years and 2,000 applications.
        </p>
      </section>
    </div>
  );
}
