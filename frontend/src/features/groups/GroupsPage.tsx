// The admin's groups (a class, a cohort): create, rename and delete them, and place coaches
// and members in each. Every change is in the audit log.
import { useState, type FormEvent } from "react";
import { Link } from "wouter";

import { fieldError } from "../../api/client";
import { useCurrentUser } from "../../api/hooks";
import { NotFoundPage } from "../../app/NotFoundPage";
import { Button } from "../../components/Button";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { plural } from "../../lib/format";
import { useTitle } from "../../lib/useTitle";
import { GroupMembers } from "./GroupMembers";
import {
  PAGE_SIZE,
  useCreateGroup,
  useDeleteGroup,
  useGroups,
  useRenameGroup,
  type Group,
} from "./queries";
import "./groups.css";

/** Admins only: anyone else finds nothing here (the API would refuse them anyway). */
export default function GroupsPage() {
  const me = useCurrentUser();
  return me.role === "admin" ? <Groups /> : <NotFoundPage />;
}

function Groups() {
  useTitle("Groups");
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const groups = useGroups(offset);
  const items = groups.data?.items ?? [];
  const total = groups.data?.total ?? 0;

  return (
    <div className="page groups-page">
      <header className="page-header">
        <div>
          <h1>Groups</h1>
          <p className="subtitle">
            Classes and cohorts: their coaches see what each member chooses to share.
          </p>
        </div>
        <nav className="button-row" aria-label="Administration">
          <Link href="/admin/users" className="button button-secondary">
            Users
          </Link>
          <Link href="/settings#settings-instance" className="button button-ghost">
            Instance settings
          </Link>
        </nav>
      </header>
      <NewGroup onCreated={setOpen} />
      {groups.isPending ? (
        <Loading>Loading groups…</Loading>
      ) : groups.isError ? (
        <ErrorAlert title="Could not load the groups." error={groups.error} />
      ) : items.length === 0 ? (
        <p className="muted">No groups yet. Create one above, then add its coaches and members.</p>
      ) : (
        <ul className="group-list">
          {items.map((group) => (
            <GroupItem
              key={group.id}
              group={group}
              open={open === group.id}
              onToggle={() => setOpen(open === group.id ? null : group.id)}
            />
          ))}
        </ul>
      )}
      {total > PAGE_SIZE && (
        <div className="button-row">
          <Button disabled={offset === 0} onClick={() => setOffset(offset - PAGE_SIZE)}>
            Previous page
          </Button>
          <Button disabled={offset + items.length >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
            Next page
          </Button>
        </div>
      )}
    </div>
  );
}

function NewGroup({ onCreated }: { onCreated: (groupId: number) => void }) {
  const create = useCreateGroup();
  const [name, setName] = useState("");
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(name, {
      onSuccess: (group) => {
        setName("");
        onCreated(group.id);
      },
    });
  }
  const nameError = fieldError(create.error, "name");
  return (
    <form className="panel group-new" onSubmit={submit} noValidate>
      <h2>New group</h2>
      <div className="group-new-row">
        <TextField
          label="Group name"
          placeholder="Bootcamp, spring cohort"
          value={name}
          maxLength={100}
          error={nameError}
          onChange={(event) => setName(event.target.value)}
        />
        <Button type="submit" variant="primary" busy={create.isPending}>
          Create group
        </Button>
      </div>
      {create.isError && !nameError && (
        <ErrorAlert title="The group was not created." error={create.error} />
      )}
    </form>
  );
}

function GroupItem({ group, open, onToggle }: { group: Group; open: boolean; onToggle: () => void }) {
  const panelId = `group-${group.id}-people`;
  return (
    <li className="panel group-item">
      <div className="group-item-header">
        <h2>{group.name}</h2>
        <p className="muted">
          {plural(group.coaches, "coach", "coaches")} · {plural(group.members, "member")}
        </p>
        <Button aria-expanded={open} aria-controls={panelId} onClick={onToggle}>
          {open ? "Close" : "Manage"}
          <span className="visually-hidden"> {group.name}</span>
        </Button>
      </div>
      {open && (
        <div id={panelId} className="group-item-body">
          <RenameGroup group={group} />
          <GroupMembers groupId={group.id} groupName={group.name} />
          <DeleteGroup group={group} />
        </div>
      )}
    </li>
  );
}

function RenameGroup({ group }: { group: Group }) {
  const rename = useRenameGroup(group.id);
  const [name, setName] = useState(group.name);
  function submit(event: FormEvent) {
    event.preventDefault();
    rename.mutate(name);
  }
  return (
    <form className="group-new-row" onSubmit={submit} noValidate>
      <TextField
        label="Name"
        value={name}
        maxLength={100}
        error={fieldError(rename.error, "name")}
        onChange={(event) => setName(event.target.value)}
      />
      <Button type="submit" busy={rename.isPending} disabled={name.trim() === group.name}>
        Rename
      </Button>
    </form>
  );
}

function DeleteGroup({ group }: { group: Group }) {
  const remove = useDeleteGroup(group.id);
  return (
    <div className="group-delete">
      <ConfirmButton
        label="Delete group"
        name={`Delete group ${group.name}`}
        question={`Delete ${group.name}? Its coaches stop seeing what its members shared. Nobody's applications or documents are deleted.`}
        confirmLabel="Delete the group"
        onConfirm={() => remove.mutate()}
        busy={remove.isPending}
        error={remove.error}
      />
    </div>
  );
}
