// When the instance requires admins to use two-factor sign-in, an admin without it sees only
// its setup (the API refuses everything else) until it is on and the recovery codes are kept.
import { lazy, useEffect, useState, type ReactNode } from "react";

import type { User } from "../../api/client";
import { useTwoFactorStatus } from "./twoFactorQueries";

// Loaded only for the admin who must set it up: it brings a QR code library every other page
// load would otherwise download (the app's Suspense shows the wait).
const TwoFactorSection = lazy(() =>
  import("./TwoFactorSection").then((module) => ({ default: module.TwoFactorSection })),
);

export function TwoFactorGate({ user, children }: { user: User; children: ReactNode }) {
  const isAdmin = user.role === "admin";
  const status = useTwoFactorStatus(isAdmin);
  const required = isAdmin && status.data?.required === true;
  // Held open after it is turned on, so the recovery codes are not whisked away with the page.
  const [settingUp, setSettingUp] = useState(false);
  useEffect(() => {
    if (required) setSettingUp(true);
  }, [required]);

  if (!required && !settingUp) return <>{children}</>;
  return (
    <div className="page page-narrow settings">
      <header className="page-header">
        <h1>Set up two-factor sign-in</h1>
      </header>
      <section className="panel" aria-labelledby="two-factor-gate">
        <h2 id="two-factor-gate">Two-factor sign-in</h2>
        <TwoFactorSection onFinished={() => setSettingUp(false)} />
      </section>
    </div>
  );
}
