// The page the emailed sign-up link opens: one click opens the account and signs in.
// A click rather than on load, so a mail scanner that follows links cannot use it up.
import { type FormEvent } from "react";
import { Link, useSearch } from "wouter";

import { useConfirmSignUp } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useTitle } from "../../lib/useTitle";
import { AuthLayout } from "./AuthLayout";

export default function ConfirmSignupPage() {
  useTitle("Finish signing up");
  const confirm = useConfirmSignUp();
  const token = new URLSearchParams(useSearch()).get("token") ?? "";

  function submit(event: FormEvent) {
    event.preventDefault();
    confirm.mutate(token);
  }

  if (!token) {
    return (
      <AuthLayout title="Finish signing up">
        <p className="alert alert-error" role="alert">
          This link is incomplete. Open the whole link from the email, or{" "}
          <Link href="/signup">sign up again</Link>.
        </p>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Finish signing up">
      <form className="form" onSubmit={submit}>
        <p>Your email address is confirmed once you continue; then you are signed in.</p>
        <ErrorAlert error={confirm.error} />
        <Button type="submit" variant="primary" busy={confirm.isPending}>
          Open my account
        </Button>
      </form>
      <p className="auth-switch">
        Already finished? <Link href="/login">Sign in</Link>
      </p>
    </AuthLayout>
  );
}
