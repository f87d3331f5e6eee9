// Sign in with email and password, then a two-factor code when the account uses one; the
// server's message says what was wrong. With single sign-on set up, its button comes first,
// and the password form goes when the instance turned password sign-in off. A single sign-on
// to an account with two-factor comes back here for the code.
import { useState, type FormEvent } from "react";
import { Link, useLocation, useSearch } from "wouter";

import { ApiError, fieldError } from "../../api/client";
import { useMeta, useSignIn } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextField } from "../../components/Field";
import { useTitle } from "../../lib/useTitle";
import { AuthLayout } from "./AuthLayout";
import { SignOnButton, SignOnError, signOnNeedsCode } from "./SignOn";
import { TwoFactorStep } from "./TwoFactorStep";

export default function LoginPage() {
  useTitle("Sign in");
  const signIn = useSignIn();
  const meta = useMeta();
  const search = useSearch();
  const [, navigate] = useLocation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    const second = code.trim();
    signIn.mutate({ email: email.trim(), password, ...(second ? { code: second } : {}) });
  }

  const answer = signIn.data;
  if (answer && "challenge" in answer) {
    return (
      <AuthLayout title="Two-factor sign-in">
        <TwoFactorStep challenge={answer.challenge} onStartAgain={() => signIn.reset()} />
      </AuthLayout>
    );
  }
  if (signOnNeedsCode(search)) {
    // The challenge came back from the provider's sign-in in a cookie only the server reads.
    return (
      <AuthLayout title="Two-factor sign-in">
        <TwoFactorStep onStartAgain={() => navigate("/login", { replace: true })} />
      </AuthLayout>
    );
  }
  // Locked by too many attempts: a code from the app still gets the account's owner in.
  const locked = signIn.error instanceof ApiError && signIn.error.status === 429;

  const registrationClosed = meta.data && !meta.data.limits.registration_open;

  const signOn = meta.data?.sign_on;
  const passwordOn = signOn?.password ?? true;

  return (
    <AuthLayout title="Sign in">
      <SignOnError search={search} />
      {signOn?.oidc && signOn.oidc_label && (
        <div className="sign-on">
          <SignOnButton
            label={signOn.oidc_label}
            next={new URLSearchParams(search).get("next")}
          />
          {passwordOn && <p className="muted sign-on-or">or with your email and password</p>}
        </div>
      )}
      {passwordOn && (
        <form className="form" onSubmit={submit} noValidate>
          <TextField
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={fieldError(signIn.error, "email")}
          />
          <TextField
            label="Password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={fieldError(signIn.error, "password")}
          />
          {(locked || code) && (
            <TextField
              label="Two-factor code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={40}
              value={code}
              onChange={(event) => setCode(event.target.value)}
              error={fieldError(signIn.error, "code")}
              hint="With two-factor sign-in on, a code from your app or a recovery code gets you in."
            />
          )}
          <ErrorAlert error={signIn.error} />
          <Button type="submit" variant="primary" busy={signIn.isPending}>
            Sign in
          </Button>
        </form>
      )}
      {passwordOn && (
        <p className="auth-switch">
          <Link href="/forgot-password">Forgot password?</Link>
        </p>
      )}
      <p className="auth-switch">
        New here? <Link href="/signup">Create an account</Link>
        {registrationClosed && " (registration is closed on this instance right now)"}
      </p>
    </AuthLayout>
  );
}
