// Server state for two-factor sign-in: its status, setup, turning it on and off, recovery codes.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";
import { invalidate, keys } from "../../api/hooks";

export const twoFactorKey = ["two-factor"] as const;

export function useTwoFactorStatus(enabled = true) {
  return useQuery({
    queryKey: twoFactorKey,
    queryFn: () => unwrap(api.GET("/api/auth/2fa")),
    enabled,
  });
}

/** A new secret for the authenticator app; not in force until confirmed with a code. */
export function useStartTwoFactorSetup() {
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/auth/2fa/setup")),
  });
}

/**
 * Confirm the app's code: two-factor is on, and `onCodes` gets the recovery codes. Handed over
 * before the status reloads, since the reloaded status replaces the form that asked.
 */
export function useEnableTwoFactor(onCodes: (codes: string[]) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["TwoFactorCode"]) =>
      unwrap(api.POST("/api/auth/2fa/enable", { body })),
    onSuccess: (answer) => {
      onCodes(answer.recovery_codes);
      // Everything else may have been refused while an admin still had to set it up.
      return invalidate(client, twoFactorKey, keys.me);
    },
  });
}

export function useDisableTwoFactor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["TwoFactorDisable"]) =>
      unwrap(api.POST("/api/auth/2fa/disable", { body })),
    onSuccess: () => invalidate(client, twoFactorKey, keys.me),
  });
}

export function useNewRecoveryCodes(onCodes: (codes: string[]) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["TwoFactorCode"]) =>
      unwrap(api.POST("/api/auth/2fa/recovery-codes", { body })),
    onSuccess: (answer) => {
      onCodes(answer.recovery_codes);
      return invalidate(client, twoFactorKey);
    },
  });
}
