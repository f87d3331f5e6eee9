// A coach's invitations into a group they coach: a link for up to 500 members, expiring,
// optionally for one email, shown once; the group's links with their state, and withdrawing.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import { api, fieldError, unwrap, type Schemas } from "../../api/client";
import { Button } from "../../components/Button";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField, TextField } from "../../components/Field";
import { formatMoment } from "../../lib/format";
import { fullInviteLink, INVITE_STATES, parseUses, USES_PROBLEM } from "../admin/inviteParts";

const LIFETIMES = [
  { value: "24", label: "1 day" },
  { value: "168", label: "7 days" },
  { value: "720", label: "30 days" },
  { value: "2160", label: "90 days" },
];

function useGroupInvites(groupId: number) {
  return useQuery({
    queryKey: ["group-invites", groupId],
    queryFn: () =>
      unwrap(
        api.GET("/api/groups/{group_id}/invites", {
          params: { path: { group_id: groupId }, query: { limit: 20 } },
        }),
      ),
  });
}

function useGroupInviteChanges(groupId: number) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ["group-invites", groupId] });
  const create = useMutation({
    mutationFn: (body: Schemas["GroupInviteCreate"]) =>
      unwrap(
        api.POST("/api/groups/{group_id}/invites", {
          params: { path: { group_id: groupId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (inviteId: number) =>
      unwrap(
        api.DELETE("/api/groups/{group_id}/invites/{invite_id}", {
          params: { path: { group_id: groupId, invite_id: inviteId } },
        }),
      ),
    onSuccess: refresh,
  });
  return { create, revoke };
}

export function GroupInvites({ groupId, groupName }: { groupId: number; groupName: string }) {
  const invites = useGroupInvites(groupId);
  const { create, revoke } = useGroupInviteChanges(groupId);
  const [uses, setUses] = useState("30");
  const [hours, setHours] = useState("168");
  const [email, setEmail] = useState("");
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
    });
  }

  const link = create.data?.link;
  return (
    <details className="group-invites">
      <summary>Invite members to {groupName}</summary>
      <form className="form" onSubmit={submit} noValidate aria-label={`Invite to ${groupName}`}>
        <TextField
          label="How many people"
          inputMode="numeric"
          value={uses}
          onChange={(event) => setUses(event.target.value)}
          error={checked && !usesOk ? USES_PROBLEM : fieldError(create.error, "max_uses")}
        />
        <SelectField
          label="Expires after"
          options={LIFETIMES}
          value={hours}
          onChange={(event) => setHours(event.target.value)}
        />
        <TextField
          label="Only for this email"
          type="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          hint="Optional."
          error={fieldError(create.error, "email")}
        />
        <ErrorAlert error={create.error} />
        <Button type="submit" variant="primary" busy={create.isPending}>
          Create invitation link
        </Button>
      </form>
      {link && (
        <TextField
          label="Invitation link"
          readOnly
          value={fullInviteLink(link)}
          hint="Send it to the people you invite. It is shown only now."
          onFocus={(event) => event.target.select()}
        />
      )}
      <ErrorAlert error={invites.error} title="Could not load the invitations." />
      {invites.data && invites.data.items.length > 0 && (
        <ul className="group-invite-list">
          {invites.data.items.map((invite) => (
            <li key={invite.id}>
              {invite.email ?? "Anyone with the link"}: {invite.uses} of {invite.max_uses} used,{" "}
              {INVITE_STATES[invite.state].toLowerCase()}, expires{" "}
              {formatMoment(invite.expires_at)}{" "}
              {invite.state === "active" && (
                <ConfirmButton
                  label="Withdraw"
                  name={`Withdraw the invitation for ${invite.email ?? "anyone with the link"}`}
                  question="Withdraw this invitation? Its link stops working at once."
                  confirmLabel="Withdraw"
                  onConfirm={() => revoke.mutate(invite.id)}
                  busy={revoke.isPending && revoke.variables === invite.id}
                  error={revoke.variables === invite.id ? revoke.error : null}
                  size="small"
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
