// The signed-in pages, each its own chunk, so the first load carries only the shell and the
// sign-in pages; and the current page's chunk asked for at start-up, beside the session check.
import { lazy } from "react";

import { CSRF_COOKIE, readCookie } from "../api/client";

const load = {
  board: () => import("../features/applications/BoardPage"),
  table: () => import("../features/applications/TablePage"),
  trash: () => import("../features/applications/TrashPage"),
  application: () => import("../features/applications/ApplicationPage"),
  upcoming: () => import("../features/upcoming/UpcomingPage"),
  notifications: () => import("../features/notifications/NotificationsPage"),
  writing: () => import("../features/writing/WritingPage"),
  contacts: () => import("../features/contacts/ContactsPage"),
  documents: () => import("../features/documents/DocumentsPage"),
  settings: () => import("../features/settings/SettingsPage"),
  analytics: () => import("../features/analytics/AnalyticsPage"),
  reports: () => import("../features/reports/ProofOfSearchPage"),
  import: () => import("../features/portability/ImportPage"),
  adminUsers: () => import("../features/admin/UsersPage"),
  adminAudit: () => import("../features/admin/AuditPage"),
  adminGroups: () => import("../features/groups/GroupsPage"),
  coaching: () => import("../features/groups/CoachingPage"),
  joinGroup: () => import("../features/groups/JoinGroupPage"),
};

export const BoardPage = lazy(load.board);
export const TablePage = lazy(load.table);
export const TrashPage = lazy(load.trash);
export const ApplicationPage = lazy(load.application);
export const UpcomingPage = lazy(load.upcoming);
export const NotificationsPage = lazy(load.notifications);
export const WritingPage = lazy(load.writing);
export const ContactsPage = lazy(load.contacts);
export const DocumentsPage = lazy(load.documents);
export const SettingsPage = lazy(load.settings);
export const AnalyticsPage = lazy(load.analytics);
export const ProofOfSearchPage = lazy(load.reports);
export const ImportPage = lazy(load.import);
export const AdminUsersPage = lazy(load.adminUsers);
export const AdminAuditPage = lazy(load.adminAudit);
export const AdminGroupsPage = lazy(load.adminGroups);
export const CoachingPage = lazy(load.coaching);
export const JoinGroupPage = lazy(load.joinGroup);

/** The first segment of each page's path (the board is "/"). */
const PAGE_BY_SEGMENT: Record<string, keyof typeof load> = {
  "": "board",
  table: "table",
  trash: "trash",
  applications: "application",
  upcoming: "upcoming",
  notifications: "notifications",
  writing: "writing",
  contacts: "contacts",
  documents: "documents",
  settings: "settings",
  analytics: "analytics",
  reports: "reports",
  import: "import",
  admin: "adminUsers",
  coaching: "coaching",
  join: "joinGroup",
};

/**
 * Starts downloading the page at `path` when someone is probably signed in (the readable CSRF
 * cookie goes with the session's), so its chunk arrives while /api/auth/whoami is answered
 * instead of after it: one round trip less before the page draws. lazy() later asks for the
 * same module, which the browser has then fetched once.
 */
export function preloadPage(path: string): void {
  if (!readCookie(CSRF_COOKIE)) return;
  const page = PAGE_BY_SEGMENT[path.split("/")[1] ?? ""];
  // A failed download is left to lazy(), which asks again and shows the error where it belongs.
  if (page) load[page]().catch(() => undefined);
}
