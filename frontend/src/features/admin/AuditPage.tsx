// The audit log: what admins did, to whom and when, newest first. Read-only by design.
import { useState } from "react";
import { Link } from "wouter";

import { useCurrentUser } from "../../api/hooks";
import { NotFoundPage } from "../../app/NotFoundPage";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { formatMoment } from "../../lib/format";
import { useTitle } from "../../lib/useTitle";
import { useAuditLog, type AuditEntry } from "./adminQueries";
import { Pager } from "./Pager";
import "./admin.css";

// What each action is called where people read it; an action this list does not know yet
// (another part of the app records it) shows as its name.
const ACTIONS: Record<string, string> = {
  "user.disabled": "Disabled the account",
  "user.enabled": "Enabled the account",
  "user.role_changed": "Changed the role",
  "user.quotas_changed": "Changed the quotas",
  "user.password_set": "Set a new password",
  "user.password_reset_sent": "Sent a password reset",
  "user.deleted": "Deleted the account",
  "group.create": "Created a group",
  "group.rename": "Renamed a group",
  "group.delete": "Deleted a group",
  "group.member.add": "Added someone to a group",
  "group.member.role": "Changed someone's group role",
  "group.member.remove": "Removed someone from a group",
  "invite.create": "Created an invitation",
  "invite.revoke": "Revoked an invitation",
  "invite.accept": "Registered through an invitation",
  "invite.join": "Joined a group through an invitation",
  "sso.register": "Registered by single sign-on",
  "sso.link": "Linked a single sign-on account",
};

/** Admins only: anyone else finds nothing here (the API would refuse them anyway). */
export default function AuditPage() {
  const me = useCurrentUser();
  return me.role === "admin" ? <AuditLog /> : <NotFoundPage />;
}

function AuditLog() {
  useTitle("Audit log");
  const [action, setAction] = useState("");
  const [offset, setOffset] = useState(0);
  const log = useAuditLog({ action, offset });
  const entries = log.data?.items ?? [];

  return (
    <div className="page admin-page">
      <header className="page-header">
        <div>
          <h1>Audit log</h1>
          <p className="subtitle">Every admin action, newest first. Nobody can change it.</p>
        </div>
        <nav className="button-row" aria-label="Administration">
          <Link href="/admin/users" className="button button-secondary">
            Users
          </Link>
        </nav>
      </header>
      <div className="filters" role="search" aria-label="Filter the audit log">
        <SelectField
          label="Action"
          value={action}
          options={[
            { value: "", label: "All actions" },
            ...Object.entries(ACTIONS).map(([value, label]) => ({ value, label })),
          ]}
          onChange={(event) => {
            setAction(event.target.value);
            setOffset(0);
          }}
        />
      </div>
      {log.isPending ? (
        <Loading>Loading the audit log…</Loading>
      ) : log.isError ? (
        <ErrorAlert title="Could not load the audit log." error={log.error} />
      ) : (
        <>
          <div className="table-wrap">
            <table className="data-table admin-table">
              <caption className="visually-hidden">Admin actions, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Whom</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <EntryRow key={entry.id} entry={entry} />
                ))}
              </tbody>
            </table>
            {entries.length === 0 && <p className="admin-empty">Nothing recorded yet.</p>}
          </div>
          <Pager
            offset={offset}
            total={log.data.total}
            shown={entries.length}
            fetching={log.isFetching}
            onMove={setOffset}
          />
        </>
      )}
    </div>
  );
}

// A moment as the server stores it (2026-12-14T20:32:44.061460+00:00), read as a date.
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function describeDetails(details: AuditEntry["details"]): string {
  if (!details) return "";
  return (
    Object.entries(details)
      // A detail that was not set (an invitation for no one email, into no group) says nothing.
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([key, value]) => {
        const change = value as { from?: unknown; to?: unknown };
        const label = key.replace(/_/g, " ");
        if (typeof change === "object" && "to" in change) {
          return `${label}: ${String(change.from ?? "instance's")} → ${String(change.to ?? "instance's")}`;
        }
        const text =
          typeof value === "string" && MOMENT.test(value) ? formatMoment(value) : String(value);
        return `${label}: ${text}`;
      })
      .join("; ")
  );
}

function EntryRow({ entry }: { entry: AuditEntry }) {
  return (
    <tr>
      <td>{formatMoment(entry.at)}</td>
      <td>{entry.actor_email}</td>
      <td>{ACTIONS[entry.action] ?? entry.action}</td>
      <td>{entry.target_email ?? "—"}</td>
      <td className="wrap">{describeDetails(entry.details)}</td>
    </tr>
  );
}
