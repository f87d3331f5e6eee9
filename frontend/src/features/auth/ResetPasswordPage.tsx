// The page the emailed reset link opens: choose a new password; every session then ends.
import { useState, type FormEvent } from "react";
import { Link, useSearch } from "wouter";

import { fieldError } from "../../api/client";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextField } from "../../components/Field";
import { useTitle } from "../../lib/useTitle";
import { AuthLayout } from "./AuthLayout";
import { useResetPassword } from "./passwordResetQueries";

export default function ResetPasswordPage() {
  useTitle("Choose a new password");
  const reset = useResetPassword();
  const token = new URLSearchParams(useSearch()).get("token") ?? "";
  const [password, setPassword] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    reset.mutate({ token, new_password: password });
  }

  if (!token) {
    return (
      <AuthLayout title="Choose a new password">
        <p className="alert alert-error" role="alert">
          This link is incomplete. Open the whole link from the email, or{" "}
          <Link href="/forgot-password">ask for a new one</Link>.
        </p>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Choose a new password">
      {reset.data ? (
        <p className="alert alert-info" role="status">
          {reset.data.message} <Link href="/login">Sign in</Link>
        </p>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={fieldError(reset.error, "new_password")}
            hint="At least 12 characters. Every device signed in to your account is signed out."
          />
          <ErrorAlert error={reset.error} />
          <Button type="submit" variant="primary" busy={reset.isPending}>
            Set the new password
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
