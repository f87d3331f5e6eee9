// The form for a new invitation link, shared by the admin's and a coach's pages: how many people
// it admits, when it expires, whether it is for one email, then the link, shown once. The admin's
// form adds its group fields as children.
import { useState, type FormEvent, type ReactNode } from "react";

import { fieldError } from "../../api/client";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField, TextField } from "../../components/Field";
import { fullInviteLink, parseUses, USES_PROBLEM } from "./inviteParts";
import "./admin.css";

const LIFETIMES = [
  { value: "1", label: "1 hour" },
  { value: "24", label: "1 day" },
  { value: "168", label: "7 days" },
  { value: "720", label: "30 days" },
  { value: "2160", label: "90 days" },
];

/** What every invitation asks for, as the API takes it. */
export type InviteBasics = { max_uses: number; expires_in_hours: number; email: string | null };

export function InviteForm({
  label,
  defaultUses,
  usesHint,
  emailHint,
  error,
  busy,
  createdLink,
  onCreate,
  children,
}: {
  /** The form's accessible name. */
  label: string;
  defaultUses: string;
  usesHint?: string;
  emailHint: string;
  error: unknown;
  busy: boolean;
  /** The link the server just made, shown once; undefined before. */
  createdLink: string | undefined;
  onCreate: (basics: InviteBasics) => void;
  /** Fields of one page's own, after the email. */
  children?: ReactNode;
}) {
  const [uses, setUses] = useState(defaultUses);
  const [hours, setHours] = useState("168");
  const [email, setEmail] = useState("");
  const [checked, setChecked] = useState(false);
  const usesValue = parseUses(uses);

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (usesValue === null) return;
    onCreate({ max_uses: usesValue, expires_in_hours: Number(hours), email: email.trim() || null });
  }

  return (
    <>
      <form className="form invite-form" onSubmit={submit} noValidate aria-label={label}>
        <TextField
          label="How many people"
          inputMode="numeric"
          value={uses}
          onChange={(event) => setUses(event.target.value)}
          hint={usesHint}
          error={checked && usesValue === null ? USES_PROBLEM : fieldError(error, "max_uses")}
        />
        <SelectField
          label="Expires after"
          options={LIFETIMES}
          value={hours}
          onChange={(event) => setHours(event.target.value)}
          error={fieldError(error, "expires_in_hours")}
        />
        <TextField
          label="Only for this email"
          type="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          hint={emailHint}
          error={fieldError(error, "email")}
        />
        {children}
        <ErrorAlert error={error} />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy}>
            Create invitation link
          </Button>
        </div>
      </form>
      {createdLink && (
        <div className="alert alert-success" role="status">
          <TextField
            label="Invitation link"
            readOnly
            value={fullInviteLink(createdLink)}
            hint="Send it to the people you invite. It is shown only now."
            onFocus={(event) => event.target.select()}
          />
        </div>
      )}
    </>
  );
}
