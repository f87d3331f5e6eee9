// The admin's knobs for the whole instance: quotas, whether strangers may sign up, and
// whether admins must use two-factor sign-in.
import { useState, type FormEvent } from "react";
import { Link } from "wouter";

import { fieldError } from "../../api/client";
import { ErrorAlert } from "../../components/ErrorAlert";
import { CheckboxField, TextField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { SaveActions } from "../../components/SaveActions";
import { plural } from "../../lib/format";
import { InvitesSection } from "../admin/InvitesSection";
import { useAdminSettings, useUpdateAdminSettings, type AdminSettings } from "./queries";

const LIMIT_MAX = 1_000_000;

export function InstanceSettings() {
  const settings = useAdminSettings(true);
  if (settings.isPending) return <Loading>Loading instance settings…</Loading>;
  if (settings.isError) {
    return <ErrorAlert title="Could not load the instance settings." error={settings.error} />;
  }
  return (
    <>
      <nav className="button-row instance-admin-links" aria-label="Administration">
        <Link href="/admin/users" className="button button-secondary">
          Users
        </Link>
        <Link href="/admin/audit" className="button button-secondary">
          Audit log
        </Link>
      </nav>
      <InstanceForm saved={settings.data} />
      <InvitesSection />
    </>
  );
}

/** A limit as typed: a whole number from 0 (no limit) up; anything else is said at the field. */
function parseLimit(text: string): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const value = Number(text);
  return value <= LIMIT_MAX ? value : null;
}

const TWO_FACTOR_HINT =
  "An admin without it is asked to set it up before anything else works. " +
  "Turn it on for your own account first.";

const LIMIT_PROBLEM = `Enter a whole number from 0 (no limit) to ${LIMIT_MAX.toLocaleString()}.`;

function InstanceForm({ saved }: { saved: AdminSettings }) {
  const update = useUpdateAdminSettings();
  const [maxUsers, setMaxUsers] = useState(String(saved.max_users));
  const [maxApplications, setMaxApplications] = useState(String(saved.max_applications_per_user));
  const [registrationOpen, setRegistrationOpen] = useState(saved.registration_open);
  const [requireTwoFactor, setRequireTwoFactor] = useState(saved.admins_require_two_factor);
  const [checked, setChecked] = useState(false);

  const users = parseLimit(maxUsers);
  const applications = parseLimit(maxApplications);

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (users === null || applications === null) return;
    update.mutate({
      max_users: users,
      max_applications_per_user: applications,
      registration_open: registrationOpen,
      admins_require_two_factor: requireTwoFactor,
    });
  }

  function edited() {
    if (update.isSuccess || update.isError) update.reset();
  }

  const twoFactorError = fieldError(update.error, "admins_require_two_factor");
  const usersError =
    checked && users === null ? LIMIT_PROBLEM : fieldError(update.error, "max_users");
  const applicationsError =
    checked && applications === null
      ? LIMIT_PROBLEM
      : fieldError(update.error, "max_applications_per_user");

  return (
    <form className="form settings-form" onSubmit={submit} noValidate>
      <div className="form-grid">
        <TextField
          label="Max users"
          type="number"
          inputMode="numeric"
          min={0}
          max={LIMIT_MAX}
          value={maxUsers}
          onChange={(event) => {
            setMaxUsers(event.target.value);
            edited();
          }}
          hint={`0 means no limit. ${plural(saved.users, "account")} now.`}
          error={usersError}
        />
        <TextField
          label="Max applications per user"
          type="number"
          inputMode="numeric"
          min={0}
          max={LIMIT_MAX}
          value={maxApplications}
          onChange={(event) => {
            setMaxApplications(event.target.value);
            edited();
          }}
          hint="0 means no limit. Lowering it hides nothing; people over it just cannot add more."
          error={applicationsError}
        />
      </div>
      <CheckboxField
        label="Registration open"
        checked={registrationOpen}
        onChange={(event) => {
          setRegistrationOpen(event.target.checked);
          edited();
        }}
        hint="When closed, nobody new can sign up; existing accounts keep working."
        error={fieldError(update.error, "registration_open")}
      />
      <CheckboxField
        label="Admins must use two-factor sign-in"
        checked={requireTwoFactor}
        onChange={(event) => {
          setRequireTwoFactor(event.target.checked);
          edited();
        }}
        hint={TWO_FACTOR_HINT}
        error={twoFactorError}
      />
      {!usersError && !applicationsError && !twoFactorError && (
        <ErrorAlert title="Could not save the instance settings." error={update.error} />
      )}
      <SaveActions
        label="Save instance settings"
        busy={update.isPending}
        saved={update.isSuccess && "Saved."}
      />
    </form>
  );
}
