// What the admin's and a coach's invitation forms share: how many people a link admits, the
// names of a link's states, and the link to send.
import type { Invite } from "./inviteQueries";

export const INVITE_STATES: Record<Invite["state"], string> = {
  active: "Active",
  expired: "Expired",
  revoked: "Withdrawn",
  used_up: "Used up",
};
export const USES_PROBLEM = "Enter a whole number from 1 to 500.";

/** The number typed in "How many people", or null unless it is a whole number from 1 to 500. */
export function parseUses(uses: string): number | null {
  const value = /^\d+$/.test(uses.trim()) ? Number(uses) : NaN;
  return value >= 1 && value <= 500 ? value : null;
}

/** The sign-up link, completed with this page's address when the server knew none. */
export function fullInviteLink(link: string): string {
  return link.startsWith("/") ? `${window.location.origin}${link}` : link;
}
