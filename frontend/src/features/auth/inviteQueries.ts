// The invitation a sign-up link carries: whether it still works, and for which email and group.
import { useQuery } from "@tanstack/react-query";

import { api, unwrap } from "../../api/client";

export function useInviteCheck(token: string | null) {
  return useQuery({
    queryKey: ["invite-check", token],
    queryFn: () =>
      unwrap(api.GET("/api/auth/invites/{token}", { params: { path: { token: token ?? "" } } })),
    enabled: Boolean(token),
    retry: false,
  });
}

/** The invitation token in the page's address (`/signup?invite=…`), if any. */
export function inviteFromAddress(search: string): string | null {
  const token = new URLSearchParams(search).get("invite")?.trim();
  return token ? token.slice(0, 100) : null;
}

/** The signed-in page where an existing account joins the invitation's group. */
export function joinPath(token: string): string {
  return `/join?invite=${encodeURIComponent(token)}`;
}

/** Sign in, then come back to join: the token travels only in the address, as it came. */
export function signInToJoinPath(token: string): string {
  return `/login?next=${encodeURIComponent(joinPath(token))}`;
}
