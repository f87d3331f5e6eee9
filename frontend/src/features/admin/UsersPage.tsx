// The admin's users: find someone by email or name, sort by any column, and manage one
// account (access, role, password, quotas, deletion) in a dialog.
import { useState } from "react";
import { Link } from "wouter";

import { Button } from "../../components/Button";
import { useCurrentUser } from "../../api/hooks";
import { NotFoundPage } from "../../app/NotFoundPage";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { describeSort, SortHeaderCell, type SortColumn } from "../../components/SortableHeader";
import { formatMoment } from "../../lib/format";
import { useDebounced } from "../../lib/useDebounced";
import { useTitle } from "../../lib/useTitle";
import { formatBytes } from "../documents/format";
import { useAdminUsers, type AdminUser } from "./adminQueries";
import { Pager } from "./Pager";
import { UserDialog } from "./UserDialog";
import "./admin.css";


const COLUMNS: readonly SortColumn[] = [
  { key: "email", label: "Email", sortable: true },
  { key: "name", label: "Name", sortable: true },
  { key: "role", label: "Role", sortable: false },
  { key: "created", label: "Created", sortable: true },
  { key: "last_sign_in", label: "Last sign-in", sortable: true },
  { key: "applications", label: "Applications", sortable: true, numeric: true },
  { key: "storage", label: "Documents", sortable: true, numeric: true },
  { key: "status", label: "Status", sortable: false },
];

/** Admins only: anyone else finds nothing here (the API would refuse them anyway). */
export default function UsersPage() {
  const me = useCurrentUser();
  return me.role === "admin" ? <UserList /> : <NotFoundPage />;
}

function UserList() {
  useTitle("Users");
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState("email");
  const [offset, setOffset] = useState(0);
  const [managing, setManaging] = useState<number | null>(null);
  const q = useDebounced(search.trim());
  const list = useAdminUsers({ q, sort, offset });

  function sortBy(key: string) {
    // A second click on the same column turns it around.
    setSort(sort === key ? `-${key}` : key);
    setOffset(0);
  }

  const users = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const managed = users.find((user) => user.id === managing);

  return (
    <div className="page admin-page">
      <header className="page-header">
        <div>
          <h1>Users</h1>
          <p className="subtitle">Everyone with an account on this instance.</p>
        </div>
        <nav className="button-row" aria-label="Administration">
          <Link href="/admin/audit" className="button button-secondary">
            Audit log
          </Link>
          <Link href="/settings#settings-instance" className="button button-ghost">
            Instance settings
          </Link>
        </nav>
      </header>
      <div className="filters" role="search" aria-label="Find users">
        <TextField
          label="Search users"
          type="search"
          placeholder="Email or name"
          value={search}
          maxLength={200}
          onChange={(event) => {
            setSearch(event.target.value);
            setOffset(0);
          }}
        />
      </div>
      {list.isPending ? (
        <Loading>Loading users…</Loading>
      ) : list.isError ? (
        <ErrorAlert title="Could not load the users." error={list.error} />
      ) : (
        <>
          <div className="table-wrap">
            <table className="data-table admin-table">
              <caption className="visually-hidden">
                Users, sorted by {describeSort(COLUMNS, sort)}
              </caption>
              <thead>
                <tr>
                  {COLUMNS.map((column) => (
                    <SortHeaderCell key={column.key} column={column} sort={sort} onSort={sortBy} />
                  ))}
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.map((user) => (
                  <UserRow key={user.id} user={user} onManage={() => setManaging(user.id)} />
                ))}
              </tbody>
            </table>
            {users.length === 0 && (
              <p className="admin-empty">
                {q ? `No user's email or name contains “${q}”.` : "No users yet."}
              </p>
            )}
          </div>
          <Pager
            offset={offset}
            total={total}
            shown={users.length}
            fetching={list.isFetching}
            onMove={setOffset}
          />
        </>
      )}
      {managed && <UserDialog user={managed} onClose={() => setManaging(null)} />}
    </div>
  );
}

function UserRow({ user, onManage }: { user: AdminUser; onManage: () => void }) {
  return (
    <tr className={user.disabled_at ? "admin-disabled-row" : undefined}>
      <th scope="row" className="admin-email">
        {user.email}
      </th>
      <td>{user.display_name}</td>
      <td>{user.role === "admin" ? "Admin" : "User"}</td>
      <td>{formatMoment(user.created_at)}</td>
      <td>{user.last_sign_in_at ? formatMoment(user.last_sign_in_at) : "Never"}</td>
      <td className="numeric">{user.applications}</td>
      <td className="numeric">{formatBytes(user.storage_bytes)}</td>
      <td>
        {user.disabled_at ? (
          <span className="badge admin-badge-disabled">Disabled</span>
        ) : (
          <span className="badge">Active</span>
        )}
      </td>
      <td>
        <Button size="small" onClick={onManage} aria-label={`Manage ${user.email}`}>
          Manage
        </Button>
      </td>
    </tr>
  );
}
