// Server state for outgoing webhooks: the list, changes, the secret (shown once), a test send and
// each webhook's delivery log.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";
import { invalidate } from "../../api/hooks";

export const webhooksKey = ["webhooks"] as const;
const attemptsKey = (webhookId: number) => ["webhooks", webhookId, "attempts"] as const;

export function useWebhooks() {
  return useQuery({
    queryKey: webhooksKey,
    queryFn: () => unwrap(api.GET("/api/webhooks")),
  });
}

/** `onSecret` gets the webhook with its secret, before the list reloads without it. */
export function useCreateWebhook(onSecret: (webhook: Schemas["WebhookWithSecret"]) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["WebhookCreate"]) => unwrap(api.POST("/api/webhooks", { body })),
    onSuccess: (created) => {
      onSecret(created);
      return invalidate(client, webhooksKey);
    },
  });
}

function path(webhookId: number) {
  return { params: { path: { webhook_id: webhookId } } };
}

export function useUpdateWebhook(webhookId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["WebhookUpdate"]) =>
      unwrap(api.PATCH("/api/webhooks/{webhook_id}", { ...path(webhookId), body })),
    onSuccess: () => invalidate(client, webhooksKey),
  });
}

export function useRotateWebhookSecret(
  webhookId: number,
  onSecret: (webhook: Schemas["WebhookWithSecret"]) => void,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST("/api/webhooks/{webhook_id}/rotate-secret", path(webhookId))),
    onSuccess: (rotated) => {
      onSecret(rotated);
      return invalidate(client, webhooksKey);
    },
  });
}

export function useDeleteWebhook(webhookId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/webhooks/{webhook_id}", path(webhookId))),
    onSuccess: () => invalidate(client, webhooksKey),
  });
}

export function useTestWebhook(webhookId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/webhooks/{webhook_id}/test", path(webhookId))),
    // The test is in the log too.
    onSettled: () => invalidate(client, attemptsKey(webhookId)),
  });
}

export function useWebhookAttempts(webhookId: number, enabled: boolean) {
  return useQuery({
    queryKey: attemptsKey(webhookId),
    queryFn: () => unwrap(api.GET("/api/webhooks/{webhook_id}/attempts", path(webhookId))),
    enabled,
  });
}
