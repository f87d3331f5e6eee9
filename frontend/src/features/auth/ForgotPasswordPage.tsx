// "Forgot password?": ask for a reset link by email. The answer is the same for every address;
// without email on the instance it says resets are off and who can help instead.
import { useState, type FormEvent } from "react";
import { Link } from "wouter";

import { fieldError } from "../../api/client";
import { useMeta } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextField } from "../../components/Field";
import { useTitle } from "../../lib/useTitle";
import { AuthLayout } from "./AuthLayout";
import { useForgotPassword } from "./passwordResetQueries";

export default function ForgotPasswordPage() {
  useTitle("Reset your password");
  const forgot = useForgotPassword();
  const emailOff = useMeta().data?.email === false;
  const [email, setEmail] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    forgot.mutate({ email: email.trim() });
  }

  return (
    <AuthLayout title="Reset your password">
      {emailOff ? (
        <p className="alert alert-info" role="status">
          Password resets by email are off on this instance: it has no email set up. Ask the
          instance's admin to set a new password for you.
        </p>
      ) : forgot.data ? (
        <p className="alert alert-info" role="status">
          {forgot.data.message}
        </p>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <p>
            Enter your account's email address and we will send you a link to choose a new
            password.
          </p>
          <TextField
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={fieldError(forgot.error, "email")}
          />
          <ErrorAlert error={forgot.error} />
          <Button type="submit" variant="primary" busy={forgot.isPending}>
            Send the link
          </Button>
        </form>
      )}
      <p className="auth-switch">
        Remembered it? <Link href="/login">Sign in</Link>
      </p>
    </AuthLayout>
  );
}
