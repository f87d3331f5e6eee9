// Server state for groups: the admin's groups and their people, what a member shares with each
// group's coaches, what a coach reads of the members who share, and comment threads.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";
import { invalidate } from "../../api/hooks";

export type Group = Schemas["GroupOut"];
export type GroupMember = Schemas["GroupMemberOut"];
export type Share = Schemas["ShareOut"];
export type ShareUpdate = Schemas["ShareUpdate"];
export type SharedMember = Schemas["SharedMember"];
export type Comment = Schemas["CommentOut"];
export type GroupRole = Schemas["GroupRole"];

export const PAGE_SIZE = 50;
const groupsKey = ["groups"] as const;
const sharesKey = ["shares"] as const;
const coachingKey = ["coaching"] as const;
const commentsKey = (applicationId: number) => ["comments", applicationId] as const;
const unreadKey = ["comments", "unread"] as const;

// ---- The admin's groups -------------------------------------------------------------------

export function useGroups(offset: number) {
  return useQuery({
    queryKey: [...groupsKey, "list", offset],
    queryFn: () =>
      unwrap(api.GET("/api/groups", { params: { query: { limit: PAGE_SIZE, offset } } })),
  });
}

export function useCreateGroup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => unwrap(api.POST("/api/groups", { body: { name } })),
    onSuccess: () => invalidate(client, groupsKey),
  });
}

function groupPath(groupId: number) {
  return { params: { path: { group_id: groupId } } };
}

export function useRenameGroup(groupId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      unwrap(api.PATCH("/api/groups/{group_id}", { ...groupPath(groupId), body: { name } })),
    onSuccess: () => invalidate(client, groupsKey),
  });
}

export function useDeleteGroup(groupId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/groups/{group_id}", groupPath(groupId))),
    onSuccess: () => invalidate(client, groupsKey, sharesKey, coachingKey),
  });
}

export function useGroupMembers(groupId: number, offset: number) {
  return useQuery({
    queryKey: [...groupsKey, groupId, "members", offset],
    queryFn: () =>
      unwrap(
        api.GET("/api/groups/{group_id}/members", {
          params: { path: { group_id: groupId }, query: { limit: PAGE_SIZE, offset } },
        }),
      ),
  });
}

export function useAddMember(groupId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["MemberAdd"]) =>
      unwrap(api.POST("/api/groups/{group_id}/members", { ...groupPath(groupId), body })),
    onSuccess: () => invalidate(client, groupsKey),
  });
}

function memberPath(groupId: number, userId: number) {
  return { params: { path: { group_id: groupId, user_id: userId } } };
}

export function useChangeRole(groupId: number, userId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (groupRole: GroupRole) =>
      unwrap(
        api.PATCH("/api/groups/{group_id}/members/{user_id}", {
          ...memberPath(groupId, userId),
          body: { group_role: groupRole },
        }),
      ),
    onSuccess: () => invalidate(client, groupsKey),
  });
}

export function useRemoveMember(groupId: number, userId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.DELETE("/api/groups/{group_id}/members/{user_id}", memberPath(groupId, userId))),
    onSuccess: () => invalidate(client, groupsKey),
  });
}

// ---- The caller's groups and shares -------------------------------------------------------

export function useMyGroups() {
  return useQuery({
    queryKey: [...groupsKey, "mine"],
    queryFn: () =>
      unwrap(api.GET("/api/groups/mine", { params: { query: { limit: 200 } } })),
  });
}

/** Join the group an invitation link carries, with an account one already has. */
export function useJoinGroup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (token: string) =>
      unwrap(api.POST("/api/auth/invites/{token}/accept", { params: { path: { token } } })),
    onSuccess: () => invalidate(client, groupsKey, sharesKey, coachingKey),
  });
}

export function useShares() {
  return useQuery({
    queryKey: sharesKey,
    queryFn: () => unwrap(api.GET("/api/shares", { params: { query: { limit: 200 } } })),
  });
}

export function useUpdateShare(groupId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ShareUpdate) =>
      unwrap(api.PATCH("/api/shares/{group_id}", { ...groupPath(groupId), body })),
    // The answer is the group's share as it now is: put it in the list, no reload needed.
    onSuccess: (saved) =>
      client.setQueryData<Schemas["Page_ShareOut_"]>(sharesKey, (page) =>
        page
          ? {
              ...page,
              items: page.items.map((share) => (share.group_id === groupId ? saved : share)),
            }
          : page,
      ),
  });
}

// ---- What a coach reads ------------------------------------------------------------------

export function useSharingMembers() {
  return useQuery({
    queryKey: [...coachingKey, "members"],
    queryFn: () =>
      unwrap(api.GET("/api/groups/coaching/members", { params: { query: { limit: 200 } } })),
  });
}

export function useGroupDashboard(groupId: number) {
  return useQuery({
    queryKey: [...coachingKey, groupId, "dashboard"],
    queryFn: () => unwrap(api.GET("/api/groups/{group_id}/dashboard", groupPath(groupId))),
  });
}

export type MemberRef = { groupId: number; memberId: number };

function memberWork({ groupId, memberId }: MemberRef) {
  return { params: { path: { group_id: groupId, member_id: memberId } } };
}

export function useMemberBoard(member: MemberRef) {
  return useQuery({
    queryKey: [...coachingKey, member, "board"],
    queryFn: () =>
      unwrap(api.GET("/api/groups/{group_id}/members/{member_id}/board", memberWork(member))),
  });
}

export function useMemberDeadlines(member: MemberRef) {
  return useQuery({
    queryKey: [...coachingKey, member, "deadlines"],
    queryFn: () =>
      unwrap(api.GET("/api/groups/{group_id}/members/{member_id}/deadlines", memberWork(member))),
  });
}

export function useMemberDashboard(member: MemberRef) {
  return useQuery({
    queryKey: [...coachingKey, member, "dashboard"],
    queryFn: () =>
      unwrap(api.GET("/api/groups/{group_id}/members/{member_id}/dashboard", memberWork(member))),
  });
}

export function useMemberDocuments(member: MemberRef, enabled: boolean) {
  return useQuery({
    queryKey: [...coachingKey, member, "documents"],
    queryFn: () =>
      unwrap(api.GET("/api/groups/{group_id}/members/{member_id}/documents", memberWork(member))),
    enabled,
  });
}

export function memberDocumentUrl(member: MemberRef, documentId: number): string {
  return `/api/groups/${member.groupId}/members/${member.memberId}/documents/${documentId}/content`;
}

export function useMemberConversation(member: MemberRef, applicationId: number, enabled: boolean) {
  return useQuery({
    queryKey: [...coachingKey, member, "assistant", applicationId],
    queryFn: () =>
      unwrap(
        api.GET(
          "/api/groups/{group_id}/members/{member_id}/applications/{application_id}/assistant",
          {
            params: {
              path: {
                group_id: member.groupId,
                member_id: member.memberId,
                application_id: applicationId,
              },
            },
          },
        ),
      ),
    enabled,
  });
}

// ---- Comments ------------------------------------------------------------------------------

export function useComments(applicationId: number) {
  const client = useQueryClient();
  return useQuery({
    queryKey: commentsKey(applicationId),
    queryFn: async () => {
      const page = await unwrap(
        api.GET("/api/applications/{application_id}/comments", {
          params: { path: { application_id: applicationId }, query: { limit: 200 } },
        }),
      );
      // Reading the thread marked it read: the count elsewhere goes down with it.
      if (page.unread) void invalidate(client, unreadKey);
      return page;
    },
  });
}

export function useAddComment(applicationId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      unwrap(
        api.POST("/api/applications/{application_id}/comments", {
          params: { path: { application_id: applicationId } },
          body: { body },
        }),
      ),
    onSuccess: () => invalidate(client, commentsKey(applicationId)),
  });
}

export function useUnreadComments() {
  return useQuery({
    queryKey: unreadKey,
    queryFn: () =>
      unwrap(api.GET("/api/shares/unread-comments", { params: { query: { limit: 20 } } })),
  });
}
