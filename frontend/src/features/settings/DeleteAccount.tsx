// Deleting the account: asked in a dialog, confirmed with the password, gone for good.
import { useState, type FormEvent } from "react";

import { Button } from "../../components/Button";
import { Dialog } from "../../components/Dialog";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextField } from "../../components/Field";
import { useDeleteAccount } from "./queries";

export function DeleteAccount() {
  const deletion = useDeleteAccount();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");

  function close() {
    setOpen(false);
    setPassword("");
    deletion.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    deletion.mutate({ password });
  }

  return (
    <>
      <p>
        Deletes your account and everything in it: applications, deliverables, writing,
        contacts. This cannot be undone.
      </p>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete account
      </Button>
      <Dialog open={open} title="Delete your account?" onClose={close}>
        <form className="form" onSubmit={submit} noValidate>
          <p>
            Everything you keep here is deleted at once and cannot be brought back. Type your
            password to confirm.
          </p>
          <TextField
            label="Password"
            type="password"
            autoComplete="current-password"
            required
            autoFocus
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <ErrorAlert error={deletion.error} />
          <div className="form-actions">
            <Button
              type="submit"
              variant="danger"
              busy={deletion.isPending}
              disabled={!password}
            >
              Delete account
            </Button>
            <Button onClick={close} disabled={deletion.isPending}>
              Cancel
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
