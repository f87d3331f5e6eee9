// Sign in with email and password; the server's message says what was wrong.
import { useState, type FormEvent } from "react";
import { Link } from "wouter";

import { fieldError } from "../../api/client";
import { useMeta, useSignIn } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextField } from "../../components/Field";
import { useTitle } from "../../lib/useTitle";
import { AuthLayout } from "./AuthLayout";

export default function LoginPage() {
  useTitle("Sign in");
  const signIn = useSignIn();
  const meta = useMeta();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password });
  }

  const registrationClosed = meta.data && !meta.data.limits.registration_open;

  return (
    <AuthLayout title="Sign in">
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
        <ErrorAlert error={signIn.error} />
        <Button type="submit" variant="primary" busy={signIn.isPending}>
          Sign in
        </Button>
      </form>
      <p className="auth-switch">
        New here? <Link href="/signup">Create an account</Link>
        {registrationClosed && " (registration is closed on this instance right now)"}
      </p>
    </AuthLayout>
  );
}
