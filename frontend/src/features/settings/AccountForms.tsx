// The account's own settings: the name the app greets you with, and the password.
import { useState, type FormEvent } from "react";

import { ApiError, fieldError, type User } from "../../api/client";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField, TextField } from "../../components/Field";
import { SaveActions } from "../../components/SaveActions";
import { browserTimeZone, formatInZone, timeZoneOptions } from "../../lib/timeZones";
import { useChangePassword, useUpdateProfile } from "./queries";

const PASSWORD_MIN = 8;

export function DisplayNameForm({ user }: { user: User }) {
  const update = useUpdateProfile();
  const [name, setName] = useState(user.display_name);
  const [empty, setEmpty] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    setEmpty(!name.trim());
    if (name.trim()) update.mutate({ display_name: name.trim() });
  }

  const nameError = empty ? "Enter a name." : fieldError(update.error, "display_name");
  return (
    <form className="form settings-form" onSubmit={submit} noValidate>
      <TextField
        label="Display name"
        autoComplete="name"
        maxLength={100}
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          update.reset();
        }}
        error={nameError}
        hint={`You sign in as ${user.email}.`}
      />
      {!nameError && <ErrorAlert title="Could not save your name." error={update.error} />}
      <SaveActions
        label="Save"
        busy={update.isPending}
        saved={update.isSuccess && "Saved."}
      />
    </form>
  );
}

/** The zone every date is worded in: "today", due dates, the dashboard's week, digests. */
export function TimeZoneForm({ user }: { user: User }) {
  const update = useUpdateProfile();
  const [zone, setZone] = useState(user.time_zone);
  const browser = browserTimeZone();

  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate({ time_zone: zone });
  }

  return (
    <form className="form settings-form" onSubmit={submit} noValidate>
      <SelectField
        label="Time zone"
        value={zone}
        options={timeZoneOptions(zone)}
        onChange={(event) => {
          setZone(event.target.value);
          update.reset();
        }}
        hint={`Now ${formatInZone(new Date().toISOString(), zone)} there. Due dates, "today" and the dashboard's week follow it.`}
        error={fieldError(update.error, "time_zone")}
      />
      <ErrorAlert title="Could not save your time zone." error={update.error} />
      <SaveActions
        label="Save time zone"
        busy={update.isPending}
        saved={update.isSuccess && "Saved."}
      >
        {zone !== browser && (
          <Button type="button" variant="ghost" onClick={() => setZone(browser)}>
            Use this device's ({browser.replace(/_/g, " ")})
          </Button>
        )}
      </SaveActions>
    </form>
  );
}

/** The server's complaint about one password field, worded for the person, if it named it. */
function passwordFieldError(error: unknown, field: string): string | undefined {
  const detail = fieldError(error, field);
  if (!detail) return undefined;
  // A refused current password comes back as 403 with a terse field note; its message says it.
  return error instanceof ApiError && error.status === 403 ? error.message : detail;
}

export function PasswordForm() {
  const change = useChangePassword();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [tooShort, setTooShort] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    setTooShort(next.length < PASSWORD_MIN);
    if (next.length < PASSWORD_MIN) return;
    change.mutate(
      { current_password: current, new_password: next },
      {
        onSuccess: () => {
          setCurrent("");
          setNext("");
        },
      },
    );
  }

  const currentError = passwordFieldError(change.error, "current_password");
  const nextError = tooShort
    ? `Use at least ${PASSWORD_MIN} characters.`
    : passwordFieldError(change.error, "new_password");
  return (
    <form className="form settings-form" onSubmit={submit} noValidate>
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onChange={(event) => setCurrent(event.target.value)}
        error={currentError}
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        value={next}
        onChange={(event) => setNext(event.target.value)}
        hint={`At least ${PASSWORD_MIN} characters; not a common password or your email address. Other devices are signed out and your calendar link stops working.`}
        error={nextError}
      />
      {!currentError && !nextError && (
        <ErrorAlert title="Could not change the password." error={change.error} />
      )}
      <SaveActions
        label="Change password"
        busy={change.isPending}
        saved={
          change.isSuccess &&
          "Password changed. Other devices are signed out; make a new calendar link if you used one."
        }
      />
    </form>
  );
}
