// Shared server state: query keys, the signed-in user, /api/meta, and signing in and out.
// Feature folders keep their own queries next to their pages and reuse these keys.
import {
  QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
} from "@tanstack/react-query";
import { navigate } from "wouter/use-browser-location";

import { browserTimeZone } from "../lib/timeZones";
import { ApiError, api, unwrap, type Meta, type Schemas, type User } from "./client";

/** Every query key in one place, so a change can invalidate what it affects. */
export const keys = {
  me: ["me"] as const,
  meta: ["meta"] as const,
  applications: ["applications"] as const,
  applicationList: (filters: object) => ["applications", "list", filters] as const,
  application: (id: number) => ["applications", "one", id] as const,
  events: (id: number) => ["applications", "events", id] as const,
  tags: ["applications", "tags"] as const,
  deliverables: ["deliverables"] as const,
  applicationDeliverables: (id: number) => ["deliverables", "of", id] as const,
  contacts: (applicationId: number) => ["contacts", applicationId] as const,
  interviews: ["interviews"] as const,
  applicationInterviews: (id: number) => ["interviews", "of", id] as const,
  conversation: (applicationId: number) => ["assistant", applicationId] as const,
  writing: ["writing"] as const,
  applicationWriting: (id: number) => ["writing", "of", id] as const,
  documents: ["documents"] as const,
  applicationDocuments: (id: number) => ["documents", "of", id] as const,
  adminSettings: ["admin", "settings"] as const,
};

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // A refused request will be refused again; only retry what may be passing.
        retry: (failures, error) =>
          failures < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
        refetchOnWindowFocus: true,
      },
    },
  });
  // A session that expired or was revoked elsewhere sends the person back to sign in.
  client.getQueryCache().subscribe((event) => {
    const error = event.query.state.error;
    if (
      event.type === "updated" &&
      error instanceof ApiError &&
      error.status === 401 &&
      event.query.queryKey[0] !== keys.me[0]
    ) {
      client.setQueryData(keys.me, null);
    }
  });
  return client;
}

/** Who is signed in: the query behind useMe, also run before the first render (main.tsx). */
export const meQuery = {
  queryKey: keys.me,
  // Not GET /api/me: its 401 for a signed-out visitor is logged by the browser as an error.
  queryFn: async (): Promise<User | null> => (await unwrap(api.GET("/api/auth/whoami"))).user,
  staleTime: 60_000,
};

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery(meQuery);
}

/** The signed-in user; only for components rendered inside the signed-in app shell. */
export function useCurrentUser(): User {
  const { data } = useMe();
  if (!data) throw new Error("useCurrentUser() outside the signed-in app");
  return data;
}

/** Limits, usage, stages and kinds from /api/meta. */
export function useMeta() {
  return useQuery({
    queryKey: keys.meta,
    queryFn: (): Promise<Meta> => unwrap(api.GET("/api/meta")),
  });
}

/** Labels for ids that travel lower-case (`coding_task` → "Coding task"), from /api/meta. */
export function labelOf(choices: readonly Schemas["Choice"][] | undefined, id: string): string {
  return choices?.find((choice) => choice.id === id)?.label ?? id.replaceAll("_", " ");
}

/**
 * Forget every cached answer but who is signed in. Not `client.clear()`: that would also drop
 * the `me` query the app shell observes, and the shell would miss the change.
 */
function forgetAllButMe(client: QueryClient): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== keys.me[0] });
}

function startSession(client: QueryClient, user: User): void {
  // Whatever a previous user left in the cache must not show for this one.
  forgetAllButMe(client);
  client.setQueryData(keys.me, user);
}

/** After signing out or deleting the account: back to the sign-in page, nothing cached. */
export function endSession(client: QueryClient): void {
  client.setQueryData(keys.me, null);
  forgetAllButMe(client);
}

/** Sign in; with two-factor on, the answer is a challenge for `useSignInSecondStep`. */
export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["LoginRequest"]) =>
      unwrap(api.POST("/api/auth/login", { body })),
    onSuccess: (answer) => {
      if ("access_token" in answer) startSession(client, answer.user);
    },
  });
}

/** Finish a two-factor sign-in with the challenge and a code from the app (or a recovery code). */
export function useSignInSecondStep() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["TwoFactorLogin"]) =>
      unwrap(api.POST("/api/auth/login/2fa", { body })),
    onSuccess: (session) => startSession(client, session.user),
  });
}

/** Sign up: signed in at once, or (email set up on the server) told to check the inbox. */
export function useSignUp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["RegisterRequest"]) =>
      unwrap(api.POST("/api/auth/register", { body })),
    onSuccess: (answer) => {
      if ("access_token" in answer) startSession(client, answer.user);
    },
  });
}

/** Finish signing up with the token from the emailed link; signs in. */
export function useConfirmSignUp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (token: string) =>
      unwrap(
        api.POST("/api/auth/register/confirm", {
          body: { token, time_zone: browserTimeZone() },
        }),
      ),
    onSuccess: (session) => startSession(client, session.user),
  });
}

/** Sign out here (`everywhere: false`) or on every device (`everywhere: true`). */
export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (everywhere: boolean = false) =>
      unwrap(api.POST(everywhere ? "/api/auth/logout-all" : "/api/auth/logout")),
    onSuccess: () => {
      // Straight to the sign-in page: whoever signs in next starts on their own board.
      navigate("/login", { replace: true });
      endSession(client);
    },
  });
}

/** Invalidate several keys at once after a change. */
export function invalidate(client: QueryClient, ...queryKeys: QueryKey[]): Promise<void[]> {
  return Promise.all(queryKeys.map((queryKey) => client.invalidateQueries({ queryKey })));
}
