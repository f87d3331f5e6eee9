// Single sign-on on the sign-in and sign-up pages: the provider's button (a plain link: the
// browser leaves for the provider and comes back through the server), and why the last
// attempt failed, from the reason the server put in the address (or that the account's
// two-factor code is still to come).
import "./signOn.css";

const SIGN_ON_ERRORS: Record<string, string> = {
  unavailable:
    "The sign-on provider could not be reached. Try again in a minute, or sign in with your password if you have one.",
  expired_flow: "That sign-on took too long or was started in another tab. Please try again.",
  denied: "Sign-on was cancelled at the provider. Try again when you're ready.",
  token: "The provider's answer could not be trusted, so you were not signed in. Please try again.",
  wrong_audience:
    "The provider's answer was meant for another application, so you were not signed in. Ask the instance's admin to check the sign-on settings.",
  expired: "The provider's answer had already expired. Please try again.",
  bad_signature:
    "The provider's answer was not signed by the provider, so you were not signed in. Please try again.",
  unverified_email:
    "Your provider has not verified your email address, so it can't be linked to an account here. Verify it with the provider, then try again.",
  domain_not_allowed:
    "Accounts with your email's domain can't sign in on this instance. Use your organisation's account.",
  no_account:
    "No account here uses your email, and sign-on can't create one. Ask the instance's admin for an invitation.",
  registration:
    "We couldn't create your account: registration is closed or the instance is full. Ask the instance's admin for an invitation.",
  invite:
    "Your invitation can't be used: it may have expired, been withdrawn or used up, or be for another email address. Ask for a new link.",
  disabled: "This account has been disabled by the instance's admin. Ask the admin to re-enable it.",
  too_many: "Too many sign-on attempts from your network failed. Please wait a few minutes and try again.",
};

const FALLBACK = "Single sign-on did not work. Please try again.";

/** The message for the `sso_error` in the current address, if there is one. */
export function signOnErrorMessage(search: string): string | null {
  const reason = new URLSearchParams(search).get("sso_error");
  if (!reason) return null;
  return SIGN_ON_ERRORS[reason] ?? FALLBACK;
}

/** Whether the provider's sign-in came back to an account that asks for its two-factor code. */
export function signOnNeedsCode(search: string): boolean {
  return new URLSearchParams(search).get("sso") === "two_factor";
}

export function SignOnButton({
  label,
  invite,
  next,
}: {
  label: string;
  invite?: string | null;
  /** The page to come back to once signed in (the server keeps only a page of this app). */
  next?: string | null;
}) {
  const query = new URLSearchParams();
  if (invite) query.set("invite", invite);
  if (next) query.set("next", next);
  const href = query.toString() ? `/api/auth/oidc/login?${query}` : "/api/auth/oidc/login";
  return (
    <a className="button button-primary sign-on-button" href={href}>
      {label}
    </a>
  );
}

export function SignOnError({ search }: { search: string }) {
  const message = signOnErrorMessage(search);
  if (!message) return null;
  return (
    <p className="alert alert-error" role="alert">
      {message}
    </p>
  );
}
