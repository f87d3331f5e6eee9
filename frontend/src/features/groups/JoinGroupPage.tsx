// Join a group through an invitation link with the account one already has (/join?invite=…;
// a signed-in person opening the sign-up link comes here). A member then lands on Settings,
// Sharing, to choose what the coaches see; a coach on Coaching.
import { Link, useLocation, useSearch } from "wouter";

import { useCurrentUser, useSignOut } from "../../api/hooks";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { useTitle } from "../../lib/useTitle";
import { inviteFromAddress, signInToJoinPath, useInviteCheck } from "../auth/inviteQueries";
import { useJoinGroup } from "./queries";
import "./groups.css";

const BOARD_LINK = (
  <Link href="/" className="button button-secondary">
    Go to your board
  </Link>
);

export default function JoinGroupPage() {
  useTitle("Join a group");
  const token = inviteFromAddress(useSearch());
  return (
    <div className="page page-narrow">
      {token ? (
        <Invitation token={token} />
      ) : (
        <EmptyState title="This address holds no invitation." action={BOARD_LINK}>
          <p>Open the whole link you were sent; it ends with ?invite= and a long code.</p>
        </EmptyState>
      )}
    </div>
  );
}

function Invitation({ token }: { token: string }) {
  const me = useCurrentUser();
  const check = useInviteCheck(token);
  const join = useJoinGroup();
  const signOut = useSignOut();
  const [, navigate] = useLocation();

  if (check.isPending) return <Loading>Checking the invitation…</Loading>;
  if (check.isError) return <ErrorAlert title="Could not check the invitation." error={check.error} />;
  const invitation = check.data;
  if (!invitation.valid) {
    return (
      <EmptyState title="This invitation can't be used" action={BOARD_LINK}>
        <p role="alert">{invitation.message}</p>
      </EmptyState>
    );
  }
  if (!invitation.group_name) {
    return (
      <EmptyState title="You already have an account" action={BOARD_LINK}>
        <p>This link is for creating one, and you are signed in as {me.email}.</p>
      </EmptyState>
    );
  }
  const group = invitation.group_name;
  const role = invitation.group_role === "coach" ? "coach" : "member";
  // The server refuses it too; said here first, with the way to the right account.
  if (invitation.email && invitation.email !== me.email.toLowerCase()) {
    return (
      <EmptyState
        title={`This invitation is for ${invitation.email}`}
        action={
          <Button
            busy={signOut.isPending}
            onClick={() =>
              signOut.mutate(false, {
                onSuccess: () => navigate(signInToJoinPath(token), { replace: true }),
              })
            }
          >
            Sign out and sign in as {invitation.email}
          </Button>
        }
      >
        <p>
          You are signed in as {me.email}. Sign in with that account to join {group}, or ask whoever
          invited you for an invitation for yours.
        </p>
      </EmptyState>
    );
  }

  function accept() {
    join.mutate(token, {
      onSuccess: (joined) =>
        navigate(
          joined.group_role === "coach"
            ? `/coaching?group=${joined.id}`
            : "/settings#settings-sharing",
          { replace: true },
        ),
    });
  }

  return (
    <>
      <header className="page-header">
        <h1>Join {group}</h1>
      </header>
      <div className="join-group">
        <p>
          You're invited to join {group} as a {role}, with your account {me.email}.
        </p>
        <p className="muted">
          {role === "coach"
            ? "As a coach you see what its members choose to share with you, and comment on it."
            : "Its coaches see nothing of yours until you choose what to share, in Settings, Sharing."}
        </p>
        <ErrorAlert error={join.error} />
        <div className="button-row">
          <Button variant="primary" busy={join.isPending} onClick={accept}>
            Join {group} as a {role}
          </Button>
          <Link href="/" className="button button-ghost">
            Not now
          </Link>
        </div>
      </div>
    </>
  );
}
