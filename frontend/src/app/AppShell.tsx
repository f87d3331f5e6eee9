// The frame around every signed-in page: brand, main navigation, who is signed in, sign out.
import type { ReactNode } from "react";
import { Link, useLocation } from "wouter";

import { useCurrentUser, useSignOut } from "../api/hooks";
import { Button } from "../components/Button";
import { ErrorAlert } from "../components/ErrorAlert";

const NAV = [
  { href: "/", label: "Board", matches: ["/", "/table", "/applications"] },
  { href: "/analytics", label: "Dashboard", matches: ["/analytics"] },
  { href: "/upcoming", label: "Upcoming", matches: ["/upcoming"] },
  { href: "/writing", label: "Writing", matches: ["/writing"] },
  { href: "/documents", label: "Documents", matches: ["/documents"] },
  { href: "/settings", label: "Settings", matches: ["/settings"] },
];

function isCurrent(location: string, matches: string[]): boolean {
  return matches.some((prefix) =>
    prefix === "/" ? location === "/" : location === prefix || location.startsWith(`${prefix}/`),
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const user = useCurrentUser();
  const signOut = useSignOut();
  const [location] = useLocation();

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ✓
          </span>
          Job Tracker
        </Link>
        <nav aria-label="Main" className="main-nav">
          <ul>
            {NAV.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={isCurrent(location, item.matches) ? "page" : undefined}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          <span className="account-name" title={user.email}>
            {user.display_name}
          </span>
          <Button size="small" busy={signOut.isPending} onClick={() => signOut.mutate(false)}>
            Sign out
          </Button>
        </div>
      </header>
      {signOut.error ? (
        <div className="page">
          <ErrorAlert title="Could not sign out." error={signOut.error} />
        </div>
      ) : null}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
