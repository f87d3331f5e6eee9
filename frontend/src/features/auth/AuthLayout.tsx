// The centred card that the sign-in and sign-up pages share.
import type { ReactNode } from "react";

export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="auth-page">
      <div className="auth-card panel">
        <p className="brand">
          <span className="brand-mark" aria-hidden="true">
            ✓
          </span>
          Job Tracker
        </p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
