// Settings: your account (name, password, sessions, access tokens, deletion) and, for the admin,
// the instance.
import type { ReactNode } from "react";

import { useCurrentUser, useSignOut } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useTitle } from "../../lib/useTitle";
import { EmailAdminSection } from "../notifications/EmailAdminSection";
import { RemindersSection } from "../notifications/RemindersSection";
import { SharingSection } from "../groups/SharingSection";
import { YourDataSection } from "../portability/YourDataSection";
import { AccessTokensSection } from "./AccessTokensSection";
import { BrowserExtensionSection } from "./BrowserExtensionSection";
import { DisplayNameForm, PasswordForm, TimeZoneForm } from "./AccountForms";
import { DeleteAccount } from "./DeleteAccount";
import { InstanceSettings } from "./InstanceSettings";
import { TwoFactorSection } from "./TwoFactorSection";
import { WebhooksSection } from "./WebhooksSection";
import "./settings.css";

export default function SettingsPage() {
  useTitle("Settings");
  const user = useCurrentUser();

  return (
    <div className="page page-narrow settings">
      <header className="page-header">
        <h1>Settings</h1>
      </header>

      <Section id="settings-account" title="Account">
        <DisplayNameForm user={user} />
        <TimeZoneForm user={user} />
      </Section>

      <Section id="settings-password" title="Password">
        <PasswordForm />
      </Section>

      <Section id="settings-reminders" title="Reminders">
        <RemindersSection />
      </Section>

      <Section id="settings-two-factor" title="Two-factor sign-in">
        <TwoFactorSection />
      </Section>

      <Section id="settings-sessions" title="Sessions">
        <SignOutEverywhere />
      </Section>

      <Section id="settings-access-tokens" title="Access tokens">
        <AccessTokensSection />
      </Section>

      <Section id="settings-browser-extension" title="Browser extension">
        <BrowserExtensionSection />
      </Section>

      <Section id="settings-webhooks" title="Webhooks">
        <WebhooksSection />
      </Section>

      <Section id="settings-sharing" title="Sharing">
        <SharingSection />
      </Section>

      <YourDataSection />

      {user.role === "admin" && (
        <Section id="settings-instance" title="Instance">
          <p className="muted">
            Limits for everyone on this instance. They override <code>MAX_USERS</code> and{" "}
            <code>MAX_APPLICATIONS_PER_USER</code> from the environment.
          </p>
          <InstanceSettings />
        </Section>
      )}

      {user.role === "admin" && (
        <Section id="settings-email" title="Email">
          <EmailAdminSection />
        </Section>
      )}

      <Section id="settings-delete" title="Delete account" danger>
        <DeleteAccount />
      </Section>
    </div>
  );
}

function Section({
  id,
  title,
  danger = false,
  children,
}: {
  id: string;
  title: string;
  danger?: boolean;
  children: ReactNode;
}) {
  return (
    <section className={`panel${danger ? " settings-danger" : ""}`} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function SignOutEverywhere() {
  const signOut = useSignOut();
  return (
    <>
      <p>
        Signed in on a computer you no longer use? This signs you out on every device and
        browser, this one included, and turns your private calendar link off.
      </p>
      <Button busy={signOut.isPending} onClick={() => signOut.mutate(true)}>
        Sign out everywhere
      </Button>
      <ErrorAlert title="Could not sign out everywhere." error={signOut.error} />
    </>
  );
}
