// Server state for Settings: the account's own changes and the admin's instance settings.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas, type User } from "../../api/client";
import { endSession, keys } from "../../api/hooks";

export type AdminSettings = Schemas["AdminSettings"];

export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["UserUpdate"]) => unwrap(api.PATCH("/api/me", { body })),
    onSuccess: (user: User) => client.setQueryData(keys.me, user),
  });
}

/** Changing the password ends every other session; this one gets a fresh cookie back. */
export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["PasswordChange"]) =>
      unwrap(api.POST("/api/auth/password", { body })),
    onSuccess: (session) => {
      client.setQueryData(keys.me, session.user);
      // The server turned the calendar feed off with the old password: show it as off.
      void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== keys.me[0] });
    },
  });
}

export function useDeleteAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["AccountDeletion"]) => unwrap(api.DELETE("/api/me", { body })),
    // Back to sign-in, with nothing of the deleted account left in the cache.
    onSuccess: () => endSession(client),
  });
}

export function useAdminSettings(enabled: boolean) {
  return useQuery({
    queryKey: keys.adminSettings,
    queryFn: () => unwrap(api.GET("/api/admin/settings")),
    enabled,
  });
}

export function useUpdateAdminSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["AdminSettingsUpdate"]) =>
      unwrap(api.PATCH("/api/admin/settings", { body })),
    onSuccess: (settings) => {
      client.setQueryData(keys.adminSettings, settings);
      // Limits show on the board ("3 of 5 applications") and the sign-up page.
      void client.invalidateQueries({ queryKey: keys.meta });
    },
  });
}
