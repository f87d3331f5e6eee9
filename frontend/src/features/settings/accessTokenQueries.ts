// Server state for personal access tokens: the list, creating one (its secret shown once), revoking.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";
import { invalidate } from "../../api/hooks";

export const accessTokensKey = ["access-tokens"] as const;

export function useAccessTokens() {
  return useQuery({
    queryKey: accessTokensKey,
    queryFn: () => unwrap(api.GET("/api/tokens")),
  });
}

/** `onCreated` gets the new token, secret included, before the list reloads without it. */
export function useCreateAccessToken(onCreated: (token: Schemas["AccessTokenCreated"]) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["AccessTokenCreate"]) => unwrap(api.POST("/api/tokens", { body })),
    onSuccess: (created) => {
      onCreated(created);
      return invalidate(client, accessTokensKey);
    },
  });
}

export function useRevokeAccessToken(tokenId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.DELETE("/api/tokens/{token_id}", { params: { path: { token_id: tokenId } } })),
    onSuccess: () => invalidate(client, accessTokensKey),
  });
}
