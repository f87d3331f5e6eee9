// Main navigation entries for groups: Coaching for anyone who coaches a group, Groups for the
// admin. Nothing for everyone else.
import { Link } from "wouter";

import { useCurrentUser } from "../../api/hooks";
import { useMyGroups } from "./queries";

export function GroupNavItems({
  location,
  onNavigate,
}: {
  location: string;
  onNavigate: () => void;
}) {
  const me = useCurrentUser();
  const groups = useMyGroups();
  const coaches = groups.data?.items.some((group) => group.group_role === "coach") ?? false;
  return (
    <>
      {coaches && (
        <li>
          <Link
            href="/coaching"
            aria-current={location === "/coaching" ? "page" : undefined}
            onClick={onNavigate}
          >
            Coaching
          </Link>
        </li>
      )}
      {me.role === "admin" && (
        <li>
          <Link
            href="/admin/groups"
            aria-current={location === "/admin/groups" ? "page" : undefined}
            onClick={onNavigate}
          >
            Groups
          </Link>
        </li>
      )}
    </>
  );
}
