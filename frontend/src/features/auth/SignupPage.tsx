// Create an account; closed registration and a full instance are said up front and on submit.
// With email set up on the server, the answer is "check your inbox" and the link finishes it.
// An invitation link (/signup?invite=…) says for whom it is and lets people in while
// registration is closed, with a password or by single sign-on; one into a group also offers
// people who have an account to sign in and join it (signed in, the link leads to /join).
import { useState, type FormEvent } from "react";
import { Link, useLocation, useSearch } from "wouter";

import { fieldError } from "../../api/client";
import { useMeta, useSignUp } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextField } from "../../components/Field";
import { browserTimeZone } from "../../lib/timeZones";
import { useTitle } from "../../lib/useTitle";
import { AuthLayout } from "./AuthLayout";
import { inviteFromAddress, signInToJoinPath, useInviteCheck } from "./inviteQueries";
import { SignOnButton } from "./SignOn";

const PASSWORD_MIN = 8;

export default function SignupPage() {
  useTitle("Create an account");
  const signUp = useSignUp();
  const meta = useMeta();
  const [, navigate] = useLocation();
  const invite = inviteFromAddress(useSearch());
  const inviteCheck = useInviteCheck(invite);
  const invited = inviteCheck.data?.valid ? inviteCheck.data : null;
  const [typedEmail, setEmail] = useState("");
  // An invitation for one address admits only it: the field shows it and can't be changed.
  const email = invited?.email ?? typedEmail;
  const [password, setPassword] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [tooShort, setTooShort] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    // Said here at once; the server checks the same rule and answers with the same field.
    if (password.length < PASSWORD_MIN) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    signUp.mutate(
      {
        email: email.trim(),
        password,
        display_name: displayName.trim() || null,
        // Dates are worded in this zone from the start; Settings changes it.
        time_zone: browserTimeZone(),
        ...(invite ? { invite } : {}),
      },
      {
        // To the board: signed in at this address, the app would take the new account to the
        // page for joining the invitation's group, which it is already in.
        onSuccess: (answer) => {
          if ("access_token" in answer) navigate("/", { replace: true });
        },
      },
    );
  }

  const closed = meta.data && !meta.data.limits.registration_open && !invited;
  // A group's link also serves people who have an account: they sign in, then join.
  const joinLink = invite && invited?.group_name ? signInToJoinPath(invite) : null;
  const signOn = meta.data?.sign_on;
  const passwordOn = signOn?.password ?? true;

  if (signUp.data && "pending" in signUp.data) {
    return (
      <AuthLayout title="Check your inbox">
        <p className="alert alert-info" role="status">
          {signUp.data.message}
        </p>
        <p className="auth-switch">
          Sent to {email.trim()}. Wrong address?{" "}
          <Button variant="ghost" size="small" onClick={() => signUp.reset()}>
            Sign up again
          </Button>
        </p>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Create an account">
      {invited && (
        <p className="alert alert-info" role="status">
          You're invited
          {invited.group_name ? ` to join ${invited.group_name}` : ""}
          {invited.email ? ` as ${invited.email}` : ""}. Create your account below
          {joinLink ? ", or sign in to join if you have one." : "."}
        </p>
      )}
      {inviteCheck.data && !inviteCheck.data.valid && (
        <p className="alert alert-error" role="alert">
          {inviteCheck.data.message}
        </p>
      )}
      {closed && !invite && (
        <p className="alert alert-info" role="status">
          Registration is closed on this instance. Ask its admin for an account.
        </p>
      )}
      {signOn?.oidc && signOn.oidc_label && (invited || !invite) && (
        <div className="sign-on">
          <SignOnButton label={signOn.oidc_label} invite={invited ? invite : null} />
          {passwordOn && <p className="muted sign-on-or">or with an email and password</p>}
        </div>
      )}
      {passwordOn && (
        <form className="form" onSubmit={submit} noValidate>
          <TextField
            label="Email"
            type="email"
            autoComplete="email"
            required
            value={email}
            readOnly={Boolean(invited?.email)}
            onChange={(event) => setEmail(event.target.value)}
            error={fieldError(signUp.error, "email")}
          />
          <TextField
            label="Password"
            type="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            hint={`At least ${PASSWORD_MIN} characters; not a common password or your email address.`}
            error={
              tooShort
                ? `Use at least ${PASSWORD_MIN} characters.`
                : fieldError(signUp.error, "password")
            }
          />
          <TextField
            label="Display name"
            autoComplete="name"
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
            hint="How the app greets you. Optional."
            error={fieldError(signUp.error, "display_name")}
          />
          <ErrorAlert error={signUp.error} />
          <Button type="submit" variant="primary" busy={signUp.isPending}>
            Create account
          </Button>
        </form>
      )}
      <p className="auth-switch">
        Already have an account?{" "}
        {joinLink ? (
          <Link href={joinLink}>Sign in to join {invited?.group_name}</Link>
        ) : (
          <Link href="/login">Sign in</Link>
        )}
      </p>
    </AuthLayout>
  );
}
