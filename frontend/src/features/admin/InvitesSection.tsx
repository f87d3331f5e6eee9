// Settings → Instance → Invitations: links that let people sign up while registration is
// closed (once or for up to 500 people, expiring, optionally for one email or into a group),
// the list with each link's state, and withdrawing one.
import { useState, type FormEvent } from "react";

import { fieldError } from "../../api/client";
import { Button } from "../../components/Button";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField, TextField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { formatMoment } from "../../lib/format";
import { Pager } from "./Pager";
import { fullInviteLink, INVITE_STATES, parseUses, USES_PROBLEM } from "./inviteParts";
import { useCreateInvite, useGroupChoices, useInvites, useRevokeInvite } from "./inviteQueries";

const LIFETIMES = [
  { value: "1", label: "1 hour" },
  { value: "24", label: "1 day" },
  { value: "168", label: "7 days" },
  { value: "720", label: "30 days" },
  { value: "2160", label: "90 days" },
];
const ROLES = [
  { value: "member", label: "Member" },
  { value: "coach", label: "Coach" },
];
const WITHDRAW_QUESTION =
  "Withdraw this invitation? Its link stops working at once; accounts made with it stay.";

export function InvitesSection() {
  return (
    <section className="settings-section" aria-labelledby="invites-heading">
      <h2 id="invites-heading">Invitations</h2>
      <p className="muted">
        An invitation link lets people create an account even while registration is closed. It
        counts against the user limit.
      </p>
      <InviteForm />
      <InviteList />
    </section>
  );
}

function InviteForm() {
  const create = useCreateInvite();
  const groups = useGroupChoices();
  const [uses, setUses] = useState("1");
  const [hours, setHours] = useState("168");
  const [email, setEmail] = useState("");
  const [groupId, setGroupId] = useState("");
  const [role, setRole] = useState("member");
  const [checked, setChecked] = useState(false);

  const usesValue = parseUses(uses);
  const usesOk = usesValue !== null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (!usesOk) return;
    create.mutate({
      max_uses: usesValue,
      expires_in_hours: Number(hours),
      email: email.trim() || null,
      group_id: groupId ? Number(groupId) : null,
      group_role: groupId ? (role as "member" | "coach") : null,
    });
  }

  const groupOptions = [
    { value: "", label: "No group" },
    ...(groups.data?.items ?? []).map((group) => ({ value: String(group.id), label: group.name })),
  ];
  const created = create.data;

  return (
    <>
      <form className="form" onSubmit={submit} noValidate aria-label="New invitation">
        <TextField
          label="How many people"
          inputMode="numeric"
          value={uses}
          onChange={(event) => setUses(event.target.value)}
          hint="1 for one person; up to 500 for a class."
          error={checked && !usesOk ? USES_PROBLEM : fieldError(create.error, "max_uses")}
        />
        <SelectField
          label="Expires after"
          options={LIFETIMES}
          value={hours}
          onChange={(event) => setHours(event.target.value)}
          error={fieldError(create.error, "expires_in_hours")}
        />
        <TextField
          label="Only for this email"
          type="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          hint="Optional: then nobody else can use the link."
          error={fieldError(create.error, "email")}
        />
        <SelectField
          label="Into group"
          options={groupOptions}
          value={groupId}
          onChange={(event) => setGroupId(event.target.value)}
          error={fieldError(create.error, "group_id")}
        />
        {groupId && (
          <SelectField
            label="As"
            options={ROLES}
            value={role}
            onChange={(event) => setRole(event.target.value)}
            error={fieldError(create.error, "group_role")}
          />
        )}
        <ErrorAlert error={create.error} />
        <Button type="submit" variant="primary" busy={create.isPending}>
          Create invitation link
        </Button>
      </form>
      {created && (
        <div className="alert alert-success" role="status">
          <p>Send this link to the people you invite. It is shown only now.</p>
          <TextField
            label="Invitation link"
            readOnly
            value={fullInviteLink(created.link)}
            onFocus={(event) => event.target.select()}
          />
        </div>
      )}
    </>
  );
}

function InviteList() {
  const [offset, setOffset] = useState(0);
  const invites = useInvites(offset);
  const revoke = useRevokeInvite();
  if (invites.isPending) return <Loading>Loading invitations…</Loading>;
  if (invites.isError) {
    return <ErrorAlert title="Could not load the invitations." error={invites.error} />;
  }
  const { items, total } = invites.data;
  if (total === 0) return <p className="muted">No invitations yet.</p>;
  return (
    <>
      <table className="data-table admin-table">
        <caption className="visually-hidden">Invitations</caption>
        <thead>
          <tr>
            <th scope="col">For</th>
            <th scope="col">Group</th>
            <th scope="col">Used</th>
            <th scope="col">Expires</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((invite) => (
            <tr key={invite.id}>
              <td>{invite.email ?? "Anyone with the link"}</td>
              <td>
                {invite.group_name
                  ? `${invite.group_name} (${invite.group_role === "coach" ? "coach" : "member"})`
                  : "—"}
              </td>
              <td>
                {invite.uses} of {invite.max_uses}
              </td>
              <td>{formatMoment(invite.expires_at)}</td>
              <td>{INVITE_STATES[invite.state]}</td>
              <td>
                {invite.state === "active" && (
                  <ConfirmButton
                    label="Withdraw"
                    name={`Withdraw the invitation for ${invite.email ?? "anyone with the link"}`}
                    question={WITHDRAW_QUESTION}
                    confirmLabel="Withdraw"
                    onConfirm={() => revoke.mutate(invite.id)}
                    busy={revoke.isPending && revoke.variables === invite.id}
                    error={revoke.variables === invite.id ? revoke.error : null}
                    size="small"
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager
        offset={offset}
        total={total}
        shown={items.length}
        fetching={invites.isFetching}
        onMove={setOffset}
      />
    </>
  );
}
