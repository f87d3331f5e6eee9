// Settings › Your data: spreadsheet import/export, backup and restore, the private calendar feed.
import { useState, type FormEvent } from "react";
import { Link } from "wouter";

import { Button } from "../../components/Button";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { plural } from "../../lib/format";
import {
  BACKUP_PATH,
  EXPORT_CSV_PATH,
  useCalendarFeed,
  useCreateCalendarLink,
  useRestoreBackup,
  useRevokeCalendarLink,
  type RestoreResult,
} from "./queries";
import "./portability.css";

export function YourDataSection() {
  return (
    <section className="panel your-data" aria-labelledby="settings-your-data">
      <h2 id="settings-your-data">Your data</h2>
      <h3>Spreadsheet</h3>
      <p>
        Your applications as a CSV file that opens in Excel, LibreOffice or Google Sheets, or
        bring applications in from one.
      </p>
      <div className="button-row">
        <a className="button" href={EXPORT_CSV_PATH} download>
          Export CSV
        </a>
        <Link className="button" href="/import">
          Import
        </Link>
      </div>

      <h3>Backup</h3>
      <p>
        Everything in your account (applications and their history, deliverables, writing,
        contacts, documents, assistant conversations) in one file, to keep or to move to another
        Job Tracker.
      </p>
      <a className="button" href={BACKUP_PATH} download>
        Download backup
      </a>
      <RestoreBackup />

      <h3>Calendar feed</h3>
      <CalendarFeedSettings />
    </section>
  );
}

function RestoreBackup() {
  const restoring = useRestoreBackup();
  const [file, setFile] = useState<File | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (file) restoring.mutate(file);
  }

  return (
    <form className="form restore-backup" onSubmit={submit} noValidate>
      <p className="muted small">
        Restoring fills an empty account (a new one, for instance) from a backup; it does not
        merge into applications you already have.
      </p>
      <TextField
        label="Backup file"
        type="file"
        accept=".json,application/json"
        onChange={(event) => {
          setFile(event.target.files?.[0] ?? null);
          restoring.reset();
        }}
      />
      <div className="form-actions">
        <Button type="submit" busy={restoring.isPending} disabled={!file}>
          Restore backup
        </Button>
      </div>
      <ErrorAlert title="The backup was not restored." error={restoring.error} />
      {restoring.data && <Restored result={restoring.data} />}
    </form>
  );
}

function Restored({ result }: { result: RestoreResult }) {
  const parts = [
    plural(result.applications, "application"),
    plural(result.deliverables, "deliverable"),
    plural(result.contacts, "contact"),
    plural(result.writing, "note"),
    plural(result.documents, "document"),
    plural(result.assistant_messages, "assistant message"),
  ];
  return (
    <p className="saved-note" role="status">
      Restored {parts.join(", ")}. <Link href="/">Go to your board</Link>
    </p>
  );
}

function CalendarFeedSettings() {
  const feed = useCalendarFeed();
  const create = useCreateCalendarLink();
  const revoke = useRevokeCalendarLink();

  return (
    <>
      <p>
        A private address with your deliverables' due dates, interviews and deadlines. Subscribe
        to it in Google Calendar (Other calendars › From URL), Outlook (Add calendar › Subscribe
        from web) or Apple Calendar (File › New Calendar Subscription) and they show up next to
        the rest of your week. Anyone with the address can read it: keep it to yourself, and
        regenerate it if it leaks.
      </p>
      {feed.isPending && <Loading>Loading your calendar link…</Loading>}
      <ErrorAlert title="The calendar link could not be loaded." error={feed.error} />
      {feed.data?.url && <FeedAddress url={feed.data.url} webcalUrl={feed.data.webcal_url} />}
      {feed.data?.active && !feed.data.url && (
        <p className="muted small">
          Your calendar link is on. Its address is shown only when it is made, as only a
          fingerprint of it is stored: regenerate it to see a new one (the old one then stops
          working).
        </p>
      )}
      {feed.data && (
        <div className="button-row">
          <Button busy={create.isPending} onClick={() => create.mutate()}>
            {feed.data.active ? "Regenerate link" : "Create calendar link"}
          </Button>
          {feed.data.active && (
            <ConfirmButton
              label="Revoke link"
              question="Turn the calendar feed off? Calendars subscribed to it stop updating."
              confirmLabel="Revoke"
              onConfirm={() => revoke.mutate()}
              busy={revoke.isPending}
              error={revoke.error}
            />
          )}
        </div>
      )}
      <ErrorAlert title="The calendar link could not be made." error={create.error} />
    </>
  );
}

function FeedAddress({ url: given, webcalUrl }: { url: string; webcalUrl: string | null }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  // Without PUBLIC_URL the server answers a path rather than trust the Host header.
  const url = new URL(given, window.location.origin).href;

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  }

  return (
    <div className="feed-address">
      <TextField
        label="Calendar feed URL"
        readOnly
        value={url}
        onFocus={(event) => event.currentTarget.select()}
      />
      <div className="button-row">
        <Button size="small" onClick={() => void copy()}>
          Copy
        </Button>
        {webcalUrl && (
          <a className="button button-small" href={webcalUrl}>
            Open in calendar app
          </a>
        )}
        <span className="saved-note" role="status">
          {copied === "yes" && "Copied."}
          {copied === "no" && "Could not copy: select the address and copy it yourself."}
        </span>
      </div>
    </div>
  );
}
