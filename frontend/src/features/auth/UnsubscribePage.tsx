// The digest email's unsubscribe link: one click stops the digests, signed in or not. A click
// rather than on load, so a mail scanner that follows links does not unsubscribe anyone.
import { type FormEvent } from "react";
import { Link, useSearch } from "wouter";

import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useTitle } from "../../lib/useTitle";
import { AuthLayout } from "./AuthLayout";
import { useUnsubscribe } from "./passwordResetQueries";

export default function UnsubscribePage() {
  useTitle("Stop the digest emails");
  const unsubscribe = useUnsubscribe();
  const token = new URLSearchParams(useSearch()).get("token") ?? "";

  function submit(event: FormEvent) {
    event.preventDefault();
    unsubscribe.mutate(token);
  }

  return (
    <AuthLayout title="Stop the digest emails">
      {unsubscribe.data ? (
        <p className="alert alert-info" role="status">
          {unsubscribe.data.message}
        </p>
      ) : (
        <form className="form" onSubmit={submit}>
          <p>You will get no more digests of your reminders by email.</p>
          <ErrorAlert error={unsubscribe.error} />
          <Button type="submit" variant="primary" busy={unsubscribe.isPending} disabled={!token}>
            Unsubscribe
          </Button>
        </form>
      )}
      <p className="auth-switch">
        <Link href="/settings">Email settings</Link>
      </p>
    </AuthLayout>
  );
}
