// Routes: the two public pages, and every other page inside the signed-in app shell.
import { lazy, Suspense } from "react";
import { Redirect, Route, Switch, useLocation, useSearch } from "wouter";

import { useMe } from "../api/hooks";
import { ErrorAlert } from "../components/ErrorAlert";
import { Loading } from "../components/Loading";
import LoginPage from "../features/auth/LoginPage";
import ConfirmSignupPage from "../features/auth/ConfirmSignupPage";
import SignupPage from "../features/auth/SignupPage";
import { TwoFactorGate } from "../features/settings/TwoFactorGate";
import { AppShell } from "./AppShell";
import { NotFoundPage } from "./NotFoundPage";

// Each page is its own chunk, so the first load carries only the shell and the sign-in pages.
const BoardPage = lazy(() => import("../features/applications/BoardPage"));
const TablePage = lazy(() => import("../features/applications/TablePage"));
const ApplicationPage = lazy(() => import("../features/applications/ApplicationPage"));
const UpcomingPage = lazy(() => import("../features/upcoming/UpcomingPage"));
const WritingPage = lazy(() => import("../features/writing/WritingPage"));
const DocumentsPage = lazy(() => import("../features/documents/DocumentsPage"));
const SettingsPage = lazy(() => import("../features/settings/SettingsPage"));
const AnalyticsPage = lazy(() => import("../features/analytics/AnalyticsPage"));
const ImportPage = lazy(() => import("../features/portability/ImportPage"));

const PUBLIC_PATHS = ["/login", "/signup", "/signup/confirm"];

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
        <Route component={LoginPage} />
      </Switch>
    );
  }

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
            <Route path="/applications/:id">
              {(params) => <ApplicationPage key={params.id} id={params.id} />}
            </Route>
            <Route path="/upcoming" component={UpcomingPage} />
            <Route path="/writing" component={WritingPage} />
            <Route path="/documents" component={DocumentsPage} />
            <Route path="/analytics" component={AnalyticsPage} />
            <Route path="/import" component={ImportPage} />
            <Route path="/settings" component={SettingsPage} />
            <Route component={NotFoundPage} />
          </Switch>
        </TwoFactorGate>
      </Suspense>
    </AppShell>
  );
}
