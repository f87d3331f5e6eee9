// One account, managed by the admin: access (disable, role), password, quotas and deletion.
// Each part saves on its own and shows its own answer.
import { useState, type FormEvent } from "react";

import { fieldError } from "../../api/client";
import { useCurrentUser } from "../../api/hooks";
import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField, TextField } from "../../components/Field";
import { formatMoment } from "../../lib/format";
import {
  useDeleteUser,
  useSendPasswordReset,
  useSetUserPassword,
  useUpdateUser,
  type AdminUser,
} from "./adminQueries";
import { QuotaForm } from "./QuotaForm";

export function UserDialog({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const me = useCurrentUser();
  const yourself = me.id === user.id;
  return (
    <Dialog open title={user.email} onClose={onClose} wide>
      <div className="admin-dialog">
        <p className="muted">
          {user.display_name} · joined {formatMoment(user.created_at)} ·{" "}
          {user.last_sign_in_at
            ? `last signed in ${formatMoment(user.last_sign_in_at)}`
            : "never signed in"}
        </p>
        {yourself && (
          <p className="alert alert-info">
            This is your own account: another admin has to disable, demote or delete it.
          </p>
        )}
        <AccessPart user={user} yourself={yourself} />
        <PasswordPart user={user} />
        <QuotaForm user={user} />
        {!yourself && <DeletePart user={user} onDeleted={onClose} />}
      </div>
    </Dialog>
  );
}

function AccessPart({ user, yourself }: { user: AdminUser; yourself: boolean }) {
  const update = useUpdateUser(user.id);
  const [role, setRole] = useState(user.role);
  const disabled = user.disabled_at !== null;
  return (
    <section className="admin-part" aria-labelledby={`access-${user.id}`}>
      <h3 id={`access-${user.id}`}>Access</h3>
      <p>
        {disabled
          ? `Disabled since ${formatMoment(user.disabled_at)}: they cannot sign in, and their sessions and access tokens are refused. Their data is kept.`
          : "Active: they can sign in."}
      </p>
      <div className="button-row">
        <Button
          variant={disabled ? "primary" : "danger"}
          busy={update.isPending && update.variables?.disabled !== undefined}
          disabled={yourself}
          onClick={() => update.mutate({ disabled: !disabled })}
        >
          {disabled ? "Enable account" : "Disable account"}
        </Button>
      </div>
      <form
        className="admin-inline-form"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          update.mutate({ role });
        }}
      >
        <SelectField
          label="Role"
          value={role}
          disabled={yourself}
          options={[
            { value: "user", label: "User" },
            { value: "admin", label: "Admin (manages the instance and its users)" },
          ]}
          onChange={(event) => setRole(event.target.value === "admin" ? "admin" : "user")}
          error={fieldError(update.error, "role")}
        />
        <Button type="submit" disabled={yourself || role === user.role}>
          Save role
        </Button>
      </form>
      {!fieldError(update.error, "role") && <ErrorAlert error={update.error} />}
      {update.isSuccess && (
        <p className="field-hint" role="status">
          Saved.
        </p>
      )}
    </section>
  );
}

function PasswordPart({ user }: { user: AdminUser }) {
  const setPassword = useSetUserPassword(user.id);
  const sendReset = useSendPasswordReset(user.id);
  const [password, setPasswordText] = useState("");
  const passwordError = fieldError(setPassword.error, "new_password");
  return (
    <section className="admin-part" aria-labelledby={`password-${user.id}`}>
      <h3 id={`password-${user.id}`}>Password</h3>
      <form
        className="admin-inline-form"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setPassword.mutate(password, { onSuccess: () => setPasswordText("") });
        }}
      >
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => {
            setPasswordText(event.target.value);
            if (setPassword.isSuccess || setPassword.isError) setPassword.reset();
          }}
          hint="Their sessions end; tell them the new password another way."
          error={passwordError}
        />
        <Button type="submit" busy={setPassword.isPending} disabled={!password}>
          Set password
        </Button>
      </form>
      {!passwordError && <ErrorAlert error={setPassword.error} />}
      {setPassword.isSuccess && (
        <p className="field-hint" role="status">
          {setPassword.data.message}
        </p>
      )}
      <div className="button-row">
        <Button busy={sendReset.isPending} onClick={() => sendReset.mutate()}>
          Email a reset link
        </Button>
      </div>
      <ErrorAlert error={sendReset.error} />
      {sendReset.isSuccess && (
        <p className="field-hint" role="status">
          {sendReset.data.message}
        </p>
      )}
    </section>
  );
}

function DeletePart({ user, onDeleted }: { user: AdminUser; onDeleted: () => void }) {
  const remove = useDeleteUser(user.id);
  const [typed, setTyped] = useState("");
  const matches = typed.trim().toLowerCase() === user.email;
  const typedError = fieldError(remove.error, "confirm_email");
  return (
    <section className="admin-part admin-danger" aria-labelledby={`delete-${user.id}`}>
      <h3 id={`delete-${user.id}`}>Delete account</h3>
      <form
        className="admin-inline-form"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          if (matches) remove.mutate(typed.trim(), { onSuccess: onDeleted });
        }}
      >
        <TextField
          label={`Type ${user.email} to confirm`}
          value={typed}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setTyped(event.target.value)}
          hint="Everything of theirs goes: applications, documents, writing, conversations. This cannot be undone."
          error={typedError}
        />
        <Button type="submit" variant="danger" busy={remove.isPending} disabled={!matches}>
          Delete account
        </Button>
      </form>
      {!typedError && <ErrorAlert error={remove.error} />}
    </section>
  );
}
