// One group's people for the admin: add someone by email as a coach or a member, change their
// role, or take them out of the group.
import { useState, type FormEvent } from "react";

import { fieldError } from "../../api/client";
import { Button } from "../../components/Button";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField, TextField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import {
  useAddMember,
  useChangeRole,
  useGroupMembers,
  useRemoveMember,
  type GroupMember,
  type GroupRole,
} from "./queries";

const ROLES = [
  { value: "member", label: "Member" },
  { value: "coach", label: "Coach" },
];

export function GroupMembers({ groupId, groupName }: { groupId: number; groupName: string }) {
  const members = useGroupMembers(groupId, 0);
  return (
    <div className="group-members">
      <h3>People in {groupName}</h3>
      <AddMember groupId={groupId} />
      {members.isPending ? (
        <Loading>Loading people…</Loading>
      ) : members.isError ? (
        <ErrorAlert title="Could not load the group's people." error={members.error} />
      ) : members.data.items.length === 0 ? (
        <p className="muted">Nobody yet. Add a coach and the members by their email.</p>
      ) : (
        <ul className="group-people">
          {members.data.items.map((member) => (
            <MemberRow key={member.user_id} groupId={groupId} member={member} />
          ))}
        </ul>
      )}
      {members.data && members.data.total > members.data.items.length && (
        <p className="muted">
          Showing {members.data.items.length} of {members.data.total}.
        </p>
      )}
    </div>
  );
}

function AddMember({ groupId }: { groupId: number }) {
  const add = useAddMember(groupId);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<GroupRole>("member");
  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate({ email, group_role: role }, { onSuccess: () => setEmail("") });
  }
  const emailError = fieldError(add.error, "email");
  return (
    <form className="group-add" onSubmit={submit} noValidate>
      <TextField
        label="Email of the person to add"
        type="email"
        value={email}
        maxLength={254}
        error={emailError}
        onChange={(event) => setEmail(event.target.value)}
      />
      <SelectField
        label="Role in the group"
        options={ROLES}
        value={role}
        onChange={(event) => setRole(event.target.value as GroupRole)}
      />
      <Button type="submit" variant="primary" busy={add.isPending}>
        Add to group
      </Button>
      {add.isError && !emailError && (
        <ErrorAlert title="The person was not added." error={add.error} />
      )}
    </form>
  );
}

function MemberRow({ groupId, member }: { groupId: number; member: GroupMember }) {
  const change = useChangeRole(groupId, member.user_id);
  const remove = useRemoveMember(groupId, member.user_id);
  return (
    <li className="group-person">
      <div>
        <strong>{member.display_name}</strong> <span className="muted">{member.email}</span>
      </div>
      <SelectField
        label={`Role of ${member.display_name}`}
        className="group-person-role"
        options={ROLES}
        value={member.group_role}
        disabled={change.isPending}
        onChange={(event) => change.mutate(event.target.value as GroupRole)}
      />
      <ConfirmButton
        size="small"
        label="Remove"
        name={`Remove ${member.display_name}`}
        question={`Take ${member.display_name} out of the group? What they shared with it stops being shared.`}
        confirmLabel="Remove"
        onConfirm={() => remove.mutate()}
        busy={remove.isPending}
        error={remove.error}
      />
      {change.isError && <ErrorAlert title="The role was not changed." error={change.error} />}
    </li>
  );
}
