// Server state for the admin's users and the audit log.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";

export type AdminUser = Schemas["AdminUserOut"];
export type AdminUserUpdate = Schemas["AdminUserUpdate"];
export type AuditEntry = Schemas["AuditEntryOut"];

export const PAGE_SIZE = 50;

const adminKeys = {
  users: ["admin", "users"] as const,
  userList: (query: object) => ["admin", "users", "list", query] as const,
  audit: (query: object) => ["admin", "audit", query] as const,
};

export type UserQuery = { q: string; sort: string; offset: number };

export function useAdminUsers(query: UserQuery) {
  return useQuery({
    queryKey: adminKeys.userList(query),
    queryFn: () =>
      unwrap(
        api.GET("/api/admin/users", {
          params: {
            query: {
              q: query.q || undefined,
              sort: query.sort,
              limit: PAGE_SIZE,
              offset: query.offset,
            },
          },
        }),
      ),
    // A new search keeps the old rows in place until its answer arrives, so nothing jumps.
    placeholderData: keepPreviousData,
  });
}

export type AuditQuery = { action: string; offset: number };

export function useAuditLog(query: AuditQuery) {
  return useQuery({
    queryKey: adminKeys.audit(query),
    queryFn: () =>
      unwrap(
        api.GET("/api/admin/audit", {
          params: {
            query: { action: query.action || undefined, limit: PAGE_SIZE, offset: query.offset },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** After any change the list, its figures and the log are all read again. */
function useRefreshAdmin() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ["admin"] });
}

export function useUpdateUser(userId: number) {
  const refresh = useRefreshAdmin();
  return useMutation({
    mutationFn: (body: AdminUserUpdate) =>
      unwrap(api.PATCH("/api/admin/users/{user_id}", { params: { path: { user_id: userId } }, body })),
    onSuccess: refresh,
  });
}

export function useSetUserPassword(userId: number) {
  const refresh = useRefreshAdmin();
  return useMutation({
    mutationFn: (newPassword: string) =>
      unwrap(
        api.POST("/api/admin/users/{user_id}/password", {
          params: { path: { user_id: userId } },
          body: { new_password: newPassword },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useSendPasswordReset(userId: number) {
  const refresh = useRefreshAdmin();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/api/admin/users/{user_id}/password-reset", {
          params: { path: { user_id: userId } },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useDeleteUser(userId: number) {
  const refresh = useRefreshAdmin();
  return useMutation({
    mutationFn: (confirmEmail: string) =>
      unwrap(
        api.DELETE("/api/admin/users/{user_id}", {
          params: { path: { user_id: userId } },
          body: { confirm_email: confirmEmail },
        }),
      ),
    onSuccess: refresh,
  });
}
