// Coaching: the members who share with you, in the groups you coach, each group's dashboard,
// and one member's shared work at a time (?group=…&member=…).
import { Link, useSearch } from "wouter";

import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { useTitle } from "../../lib/useTitle";
import { GroupDashboardCard } from "./GroupDashboardCard";
import { GroupInvites } from "./GroupInvites";
import { MemberWork } from "./MemberWork";
import { useMyGroups, useSharingMembers, type SharedMember } from "./queries";
import "./groups.css";

export default function CoachingPage() {
  const search = new URLSearchParams(useSearch());
  const groupId = Number(search.get("group"));
  const memberId = Number(search.get("member"));
  const members = useSharingMembers();
  useTitle("Coaching");

  if (members.isPending) {
    return (
      <div className="page">
        <Loading>Loading the members who share with you…</Loading>
      </div>
    );
  }
  if (members.isError) {
    return (
      <div className="page">
        <ErrorAlert title="Could not load the members who share with you." error={members.error} />
      </div>
    );
  }
  const chosen = members.data.items.find(
    (member) => member.group_id === groupId && member.member_id === memberId,
  );
  if (chosen) return <MemberWork member={chosen} />;
  return <Overview members={members.data.items} />;
}

function Overview({ members }: { members: SharedMember[] }) {
  const groups = useMyGroups();
  const coached = (groups.data?.items ?? []).filter((group) => group.group_role === "coach");
  return (
    <div className="page coaching-page">
      <header className="page-header">
        <div>
          <h1>Coaching</h1>
          <p className="subtitle">
            What the members of your groups share with you. Only they choose what that is.
          </p>
        </div>
      </header>
      {groups.isSuccess && coached.length === 0 && (
        <p className="muted">
          You do not coach any group yet. The admin makes you a coach of a group.
        </p>
      )}
      {coached.map((group) => {
        const sharing = members.filter((member) => member.group_id === group.id);
        return (
          <section key={group.id} className="panel" aria-labelledby={`coached-${group.id}`}>
            <div className="panel-header">
              <h2 id={`coached-${group.id}`}>{group.name}</h2>
            </div>
            {sharing.length === 0 ? (
              <p className="muted">Nobody in this group shares anything with its coaches yet.</p>
            ) : (
              <ul className="coaching-members">
                {sharing.map((member) => (
                  <li key={member.member_id}>
                    <Link href={`/coaching?group=${group.id}&member=${member.member_id}`}>
                      {member.display_name}
                    </Link>{" "}
                    <span className="muted">{sharedParts(member)}</span>
                  </li>
                ))}
              </ul>
            )}
            <GroupDashboardCard groupId={group.id} />
            <GroupInvites groupId={group.id} groupName={group.name} />
          </section>
        );
      })}
    </div>
  );
}

function sharedParts(member: SharedMember): string {
  const parts = [
    member.board && "board and dashboard",
    member.documents && "documents",
    member.conversations && "assistant conversations",
  ].filter(Boolean);
  return `shares ${parts.join(", ")}`;
}
