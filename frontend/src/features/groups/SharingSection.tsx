// Settings > Sharing: per group, what its coaches may see (three switches, off until chosen),
// who those coaches are and when each last looked, and coaches' comments not read yet.
import { useEffect, useState } from "react";
import { Link } from "wouter";

import { CheckboxField } from "../../components/Field";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { formatMoment, plural } from "../../lib/format";
import {
  useShares,
  useUnreadComments,
  useUpdateShare,
  type Share,
  type ShareUpdate,
} from "./queries";
import "./groups.css";

const SWITCHES = [
  {
    part: "board",
    label: "My board and dashboard",
    hint: "Your applications, deadlines and figures, read-only. Coaches can then comment.",
  },
  { part: "documents", label: "My documents", hint: "File names, and downloading them." },
  {
    part: "conversations",
    label: "My assistant conversations",
    hint: "What you asked the assistant about each application, and its answers.",
  },
] as const;

export function SharingSection() {
  const shares = useShares();
  const loaded = shares.isSuccess;
  useEffect(() => {
    // Sent here after joining a group (/settings#settings-sharing): the browser jumps to an
    // address's section only on a full page load, and this one is drawn after its groups come.
    if (loaded && window.location.hash === "#settings-sharing") {
      document.getElementById("settings-sharing")?.scrollIntoView({ block: "start" });
    }
  }, [loaded]);
  if (shares.isPending) return <Loading>Loading your groups…</Loading>;
  if (shares.isError) return <ErrorAlert title="Could not load your groups." error={shares.error} />;
  const groups = shares.data.items;
  return (
    <>
      <UnreadComments />
      {groups.length === 0 ? (
        <p className="muted">
          You are not a member of any group. When you join one (a class, a cohort) through a
          coach's invitation link, or the admin adds you, you choose here what its coaches may see.
        </p>
      ) : (
        <>
          <p className="muted">
            Nothing is shared until you switch it on; switching it off takes effect at once.
          </p>
          {groups.map((share) => (
            <GroupShare key={share.group_id} share={share} />
          ))}
        </>
      )}
    </>
  );
}

function GroupShare({ share }: { share: Share }) {
  const update = useUpdateShare(share.group_id);
  // The switch shows the person's choice from the click on: the mutation's own pending state
  // reaches the page a moment later, and in between the box would flick back to the saved value.
  const [asked, setAsked] = useState<ShareUpdate | null>(null);
  const coaches = share.coaches;
  return (
    <fieldset className="share-group">
      <legend>{share.group_name}</legend>
      {SWITCHES.map(({ part, label, hint }) => (
        <CheckboxField
          key={part}
          label={label}
          hint={hint}
          checked={asked?.[part] ?? share[part]}
          disabled={asked !== null}
          onChange={(event) => {
            const change = { [part]: event.target.checked };
            setAsked(change);
            update.mutate(change, { onSettled: () => setAsked(null) });
          }}
        />
      ))}
      {update.isError && <ErrorAlert title="The change was not saved." error={update.error} />}
      <p className="share-coaches-title">
        {coaches.length === 0
          ? "This group has no coach yet."
          : `${plural(coaches.length, "coach", "coaches")} can see what you share here:`}
      </p>
      {coaches.length > 0 && (
        <ul className="share-coaches">
          {coaches.map((coach) => (
            <li key={coach.id}>
              {coach.display_name}
              <span className="muted">
                {" · "}
                {coach.last_viewed_at
                  ? `last looked ${formatMoment(coach.last_viewed_at)}`
                  : "has not looked yet"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function UnreadComments() {
  const unread = useUnreadComments();
  if (!unread.data || unread.data.comments === 0) return null;
  return (
    <div className="unread-comments" role="status">
      <p>
        <strong>{plural(unread.data.comments, "new comment")}</strong> from your coaches:
      </p>
      <ul>
        {unread.data.items.map((thread) => (
          <li key={thread.application.id}>
            <Link href={`/applications/${thread.application.id}#comments-heading`}>
              {thread.application.company} — {thread.application.role}
            </Link>{" "}
            <span className="badge">{thread.unread}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
