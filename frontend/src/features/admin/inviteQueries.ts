// Server state for the admin's invitations.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";
import { PAGE_SIZE } from "./adminQueries";

export type Invite = Schemas["InviteOut"];
export type InviteCreate = Schemas["InviteCreate"];

const inviteKeys = {
  all: ["admin", "invites"] as const,
  page: (offset: number) => ["admin", "invites", offset] as const,
};

export function useInvites(offset: number) {
  return useQuery({
    queryKey: inviteKeys.page(offset),
    queryFn: () =>
      unwrap(api.GET("/api/admin/invites", { params: { query: { limit: PAGE_SIZE, offset } } })),
    placeholderData: keepPreviousData,
  });
}

/** Every group, by name, to invite people into (the first page is plenty for a picker). */
export function useGroupChoices() {
  return useQuery({
    queryKey: ["admin", "groups", "choices"],
    queryFn: () => unwrap(api.GET("/api/groups", { params: { query: { limit: 200 } } })),
  });
}

export function useCreateInvite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InviteCreate) => unwrap(api.POST("/api/admin/invites", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: inviteKeys.all }),
  });
}

export function useRevokeInvite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(api.DELETE("/api/admin/invites/{invite_id}", { params: { path: { invite_id: id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: inviteKeys.all }),
  });
}
