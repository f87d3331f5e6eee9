// Create an account; closed registration and a full instance are said up front and on submit.
// With email set up on the server, the answer is "check your inbox" and the link finishes it.
import { useState, type FormEvent } from "react";
import { Link } from "wouter";

import { fieldError } from "../../api/client";
import { useMeta, useSignUp } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextField } from "../../components/Field";
import { useTitle } from "../../lib/useTitle";
import { AuthLayout } from "./AuthLayout";

const PASSWORD_MIN = 8;

export default function SignupPage() {
  useTitle("Create an account");
  const signUp = useSignUp();
  const meta = useMeta();
  const [email, setEmail] = useState("");
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
    signUp.mutate({ email: email.trim(), password, display_name: displayName.trim() || null });
  }

  const closed = meta.data && !meta.data.limits.registration_open;

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
      {closed && (
        <p className="alert alert-info" role="status">
          Registration is closed on this instance. Ask its admin for an account.
        </p>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
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
      <p className="auth-switch">
        Already have an account? <Link href="/login">Sign in</Link>
      </p>
    </AuthLayout>
  );
}
