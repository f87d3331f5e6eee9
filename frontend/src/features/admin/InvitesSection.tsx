// Settings → Instance → Invitations: links that let people sign up while registration is
// closed (once or for up to 500 people, expiring, optionally for one email or into a group),
// the list with each link's state, and withdrawing one.
import { useState } from "react";

import { fieldError } from "../../api/client";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { formatMoment } from "../../lib/format";
import { Pager } from "./Pager";
import { InviteForm } from "./InviteForm";
import { INVITE_STATES } from "./inviteParts";
import { useCreateInvite, useGroupChoices, useInvites, useRevokeInvite } from "./inviteQueries";

type GroupRole = "member" | "coach";
const ROLES: { value: GroupRole; label: string }[] = [
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
      <AdminInviteForm />
      <InviteList />
    </section>
  );
}

function AdminInviteForm() {
  const create = useCreateInvite();
  const groups = useGroupChoices();
  const [groupId, setGroupId] = useState("");
  const [role, setRole] = useState<GroupRole>("member");
  const groupOptions = [
    { value: "", label: "No group" },
    ...(groups.data?.items ?? []).map((group) => ({ value: String(group.id), label: group.name })),
  ];
  return (
    <InviteForm
      label="New invitation"
      defaultUses="1"
      usesHint="1 for one person; up to 500 for a class."
      emailHint="Optional: then nobody else can use the link."
      error={create.error}
      busy={create.isPending}
      createdLink={create.data?.link}
      onCreate={(basics) =>
        create.mutate({
          ...basics,
          group_id: groupId ? Number(groupId) : null,
          group_role: groupId ? role : null,
        })
      }
    >
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
          onChange={(event) => setRole(event.target.value as GroupRole)}
          error={fieldError(create.error, "group_role")}
        />
      )}
    </InviteForm>
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
      <div className="table-wrap">
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
                <td className="wrap">{invite.email ?? "Anyone with the link"}</td>
                <td className="wrap">
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
      </div>
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
