// The admin's email tools: whether email is set up and how the outbox is doing, a test email,
// and setting a user's password by hand (how people get back in without email resets).
import { useState, type FormEvent } from "react";

import { fieldError } from "../../api/client";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { SaveActions } from "../../components/SaveActions";
import { useAdminSetPassword, useMailStatus, useSendTestEmail } from "./queries";

export function EmailAdminSection() {
  const status = useMailStatus();
  const test = useSendTestEmail();
  return (
    <>
      {status.isPending && <Loading>Loading the email status…</Loading>}
      <ErrorAlert title="Could not load the email status." error={status.error} />
      {status.data &&
        (status.data.email_enabled ? (
          <>
            <p>
              Email is on. Waiting to be sent: {status.data.waiting}; given up after every
              retry: {status.data.failed}.
              {status.data.last_error && ` Last error: ${status.data.last_error}.`}
            </p>
            <div className="form-actions">
              <Button busy={test.isPending} onClick={() => test.mutate()}>
                Send a test email
              </Button>
              {test.data && (
                <span className="saved-note" role="status">
                  {test.data.message}
                </span>
              )}
            </div>
            <ErrorAlert title="The test email was not sent." error={test.error} />
          </>
        ) : (
          <p className="muted">
            Email is off: password resets by email and digests are unavailable. Set{" "}
            <code>SMTP_HOST</code>, <code>SMTP_FROM</code> and <code>PUBLIC_URL</code> to turn it
            on. Until then, set a new password for someone who forgot theirs below.
          </p>
        ))}
      <h3>Set a user's password</h3>
      <SetPasswordForm />
    </>
  );
}

function SetPasswordForm() {
  const setPassword = useAdminSetPassword();
  const [email, setEmail] = useState("");
  const [password, setPasswordText] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    setPassword.mutate({ email: email.trim(), new_password: password });
  }

  return (
    <form className="form settings-form" onSubmit={submit} noValidate>
      <div className="form-grid">
        <TextField
          label="Their email"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(event) => {
            setEmail(event.target.value);
            setPassword.reset();
          }}
          error={fieldError(setPassword.error, "email")}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => {
            setPasswordText(event.target.value);
            setPassword.reset();
          }}
          error={fieldError(setPassword.error, "new_password")}
          hint="Tell them in person; they are signed out everywhere and can change it in Settings."
        />
      </div>
      <ErrorAlert title="Could not set the password." error={setPassword.error} />
      <SaveActions
        label="Set password"
        busy={setPassword.isPending}
        saved={setPassword.data?.message}
        primary={false}
      />
    </form>
  );
}
