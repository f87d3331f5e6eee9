// A coach's invitations into a group they coach: a link for up to 500 members, expiring,
// optionally for one email, shown once; the group's links with their state, and withdrawing.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { formatMoment } from "../../lib/format";
import { InviteForm } from "../admin/InviteForm";
import { INVITE_STATES } from "../admin/inviteParts";

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
  return (
    <details className="group-invites">
      <summary>Invite members to {groupName}</summary>
      <InviteForm
        label={`Invite to ${groupName}`}
        defaultUses="30"
        emailHint="Optional: then nobody else can use the link."
        error={create.error}
        busy={create.isPending}
        createdLink={create.data?.link}
        onCreate={(basics) => create.mutate(basics)}
      />
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
