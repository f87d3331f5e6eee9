// Routes: the two public pages, and every other page inside the signed-in app shell.
import { Suspense } from "react";
import { Redirect, Route, Switch, useLocation, useSearch } from "wouter";

import { useMe } from "../api/hooks";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import LoginPage from "../features/auth/LoginPage";
import ConfirmSignupPage from "../features/auth/ConfirmSignupPage";
import ForgotPasswordPage from "../features/auth/ForgotPasswordPage";
import ResetPasswordPage from "../features/auth/ResetPasswordPage";
import SignupPage from "../features/auth/SignupPage";
import UnsubscribePage from "../features/auth/UnsubscribePage";
import { inviteFromAddress, joinPath } from "../features/auth/inviteQueries";
import { TwoFactorGate } from "../features/settings/TwoFactorGate";
import { AppShell } from "./AppShell";
import { NotFoundPage } from "./NotFoundPage";
import {
  AdminAuditPage,
  AdminGroupsPage,
  AdminUsersPage,
  AnalyticsPage,
  ApplicationPage,
  BoardPage,
  CoachingPage,
  ContactsPage,
  DocumentsPage,
  ImportPage,
  JoinGroupPage,
  NotificationsPage,
  preloadPage,
  ProofOfSearchPage,
  SettingsPage,
  TablePage,
  TrashPage,
  UpcomingPage,
  WritingPage,
} from "./pages";

const PUBLIC_PATHS = [
  "/login",
  "/signup",
  "/signup/confirm",
  "/forgot-password",
  "/reset-password",
];
// Pages an email links to that work the same signed in or not.
const EMAIL_LINK_PATHS = ["/unsubscribe"];

preloadPage(window.location.pathname);

/** Where to go after signing in: the page asked for, if it is one of ours. */
function nextPath(search: string): string {
  const next = new URLSearchParams(search).get("next") ?? "/";
  return next.startsWith("/") && !next.startsWith("//") && !PUBLIC_PATHS.includes(next)
    ? next
    : "/";
}

export function App() {
  const me = useMe();
  const [location] = useLocation();
  const search = useSearch();

  if (me.isPending) {
    return (
      <div className="page">
        <Loading>Loading Job Tracker…</Loading>
      </div>
    );
  }
  if (me.isError) {
    return (
      <div className="page page-narrow">
        <ErrorAlert
          title="Job Tracker could not start."
          error={me.error}
          action={
            <button type="button" className="button" onClick={() => void me.refetch()}>
              Try again
            </button>
          }
        />
      </div>
    );
  }

  if (EMAIL_LINK_PATHS.includes(location)) return <UnsubscribePage />;

  if (!me.data) {
    if (!PUBLIC_PATHS.includes(location)) {
      const asked = `${location}${search ? `?${search}` : ""}`;
      const next = location === "/" ? "" : `?next=${encodeURIComponent(asked)}`;
      return <Redirect to={`/login${next}`} replace />;
    }
    return (
      <Switch>
        <Route path="/signup" component={SignupPage} />
        <Route path="/signup/confirm" component={ConfirmSignupPage} />
        <Route path="/forgot-password" component={ForgotPasswordPage} />
        <Route path="/reset-password" component={ResetPasswordPage} />
        <Route component={LoginPage} />
      </Switch>
    );
  }

  // Signed in, a sign-up link's invitation is for joining its group with this account.
  const invite = location === "/signup" ? inviteFromAddress(search) : null;
  if (invite) return <Redirect to={joinPath(invite)} replace />;
  if (PUBLIC_PATHS.includes(location)) return <Redirect to={nextPath(search)} replace />;
  return (
    <AppShell>
      <Suspense
        fallback={
          <div className="page">
            <Loading />
          </div>
        }
      >
        <TwoFactorGate user={me.data}>
          <Switch>
            <Route path="/" component={BoardPage} />
            <Route path="/table" component={TablePage} />
            <Route path="/trash" component={TrashPage} />
            <Route path="/applications/:id">
              {(params) => <ApplicationPage key={params.id} id={params.id} />}
            </Route>
            <Route path="/upcoming" component={UpcomingPage} />
            <Route path="/notifications" component={NotificationsPage} />
            <Route path="/writing" component={WritingPage} />
            <Route path="/contacts" component={ContactsPage} />
            <Route path="/documents" component={DocumentsPage} />
            <Route path="/analytics" component={AnalyticsPage} />
            <Route path="/reports" component={ProofOfSearchPage} />
            <Route path="/import" component={ImportPage} />
            <Route path="/settings" component={SettingsPage} />
            <Route path="/admin/users" component={AdminUsersPage} />
            <Route path="/admin/audit" component={AdminAuditPage} />
            <Route path="/admin/groups" component={AdminGroupsPage} />
            <Route path="/coaching" component={CoachingPage} />
            <Route path="/join" component={JoinGroupPage} />
            <Route component={NotFoundPage} />
          </Switch>
        </TwoFactorGate>
      </Suspense>
    </AppShell>
  );
}
