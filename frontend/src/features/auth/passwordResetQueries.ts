// Requests of the pages a person reaches from an email: forgot/reset password, unsubscribe.
import { useMutation } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";

export function useForgotPassword() {
  return useMutation({
    mutationFn: (body: Schemas["ForgotPassword"]) =>
      unwrap(api.POST("/api/auth/forgot-password", { body })),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (body: Schemas["ResetPassword"]) =>
      unwrap(api.POST("/api/auth/reset-password", { body })),
  });
}

export function useUnsubscribe() {
  return useMutation({
    mutationFn: (token: string) =>
      unwrap(api.POST("/api/digest/unsubscribe", { params: { query: { token } } })),
  });
}
