// Server state for nudges: the notification list (and its count for the badge), their state,
// follow-up drafts, the user's rules and their email digest.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";
import { keys as shared } from "../../api/hooks";

export type Nudge = Schemas["NudgeOut"];
export type NudgeRules = Schemas["NudgeRulesOut"];
export type DigestSettings = Schemas["DigestSettings"];

export const notificationKeys = {
  all: ["notifications"] as const,
  list: ["notifications", "list"] as const,
  draft: (id: string) => ["notifications", "draft", id] as const,
  rules: ["notifications", "rules"] as const,
  digest: ["notifications", "digest"] as const,
};
const PAGE = 200;
// Nudges follow the clock (a day passes, a snooze ends): look again now and then.
const LOOK_AGAIN_MS = 5 * 60_000;

/** The list the Notifications page shows. */
export function useNotifications() {
  return useQuery({
    queryKey: notificationKeys.list,
    queryFn: () => unwrap(api.GET("/api/notifications", { params: { query: { limit: PAGE } } })),
    refetchInterval: LOOK_AGAIN_MS,
  });
}

/** How many wait, for the badge on every page: one nudge's worth of answer, not the list. Its
 * key is under the list's, so whatever refreshes the list refreshes the count. */
export function useNotificationCount() {
  return useQuery({
    queryKey: [...notificationKeys.list, "count"],
    queryFn: () => unwrap(api.GET("/api/notifications", { params: { query: { limit: 1 } } })),
    select: (page) => page.total,
    refetchInterval: LOOK_AGAIN_MS,
  });
}

export function useUpdateNotification() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: Schemas["NudgeUpdate"] }) =>
      unwrap(
        api.PATCH("/api/notifications/{notification_id}", {
          params: { path: { notification_id: id } },
          body: change,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.list }),
  });
}

/** Moves the application to Ghosted (the suggestion's one click), then the nudge is done. */
export function useMarkGhosted() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (applicationId: number) =>
      unwrap(
        api.PATCH("/api/applications/{application_id}", {
          params: { path: { application_id: applicationId } },
          body: { stage: "ghosted" },
        }),
      ),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: notificationKeys.list }),
        client.invalidateQueries({ queryKey: shared.applications }),
      ]),
  });
}

export function useDraft(id: string | null) {
  return useQuery({
    queryKey: notificationKeys.draft(id ?? ""),
    queryFn: () =>
      unwrap(
        api.GET("/api/notifications/{notification_id}/draft", {
          params: { path: { notification_id: id ?? "" } },
        }),
      ),
    enabled: id !== null,
    staleTime: 0,
  });
}

export function useNudgeRules() {
  return useQuery({
    queryKey: notificationKeys.rules,
    queryFn: () => unwrap(api.GET("/api/notification-rules")),
  });
}

export function useUpdateNudgeRules() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["NudgeRulesUpdate"]) =>
      unwrap(api.PATCH("/api/notification-rules", { body })),
    onSuccess: (rules) => {
      client.setQueryData(notificationKeys.rules, rules);
      void client.invalidateQueries({ queryKey: notificationKeys.list });
    },
  });
}

export function useDigestSettings() {
  return useQuery({
    queryKey: notificationKeys.digest,
    queryFn: () => unwrap(api.GET("/api/me/digest")),
  });
}

export function useUpdateDigestSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["DigestSettingsUpdate"]) =>
      unwrap(api.PATCH("/api/me/digest", { body })),
    onSuccess: (settings) => client.setQueryData(notificationKeys.digest, settings),
  });
}

// The admin's email tools: the outbox's state, a test message, a password set by hand.
const mailStatusKey = ["admin", "mail"] as const;

export function useMailStatus() {
  return useQuery({
    queryKey: mailStatusKey,
    queryFn: () => unwrap(api.GET("/api/admin/mail")),
  });
}

export function useSendTestEmail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/admin/test-email")),
    onSettled: () => client.invalidateQueries({ queryKey: mailStatusKey }),
  });
}

export function useAdminSetPassword() {
  return useMutation({
    mutationFn: (body: Schemas["AdminPasswordSet"]) =>
      unwrap(api.POST("/api/admin/set-password", { body })),
  });
}
