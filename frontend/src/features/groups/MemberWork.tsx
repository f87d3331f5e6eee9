// One member's shared work, read-only, for their coach: the board with a comment thread per
// application, deadlines, the dashboard's figures, and documents and assistant conversations
// when the member shares those. Opening it is what the member sees as "last looked".
import { useState } from "react";
import { Link } from "wouter";

import { labelOf, useMeta } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { formatDate, formatMoment } from "../../lib/format";
import { useTitle } from "../../lib/useTitle";
import { formatBytes } from "../documents/format";
import { CommentThread } from "./CommentThread";
import {
  memberDocumentUrl,
  useMemberBoard,
  useMemberConversation,
  useMemberDashboard,
  useMemberDeadlines,
  useMemberDocuments,
  type MemberRef,
  type SharedMember,
} from "./queries";

export function MemberWork({ member }: { member: SharedMember }) {
  useTitle(`${member.display_name} · Coaching`);
  const ref = { groupId: member.group_id, memberId: member.member_id };
  return (
    <div className="page coaching-page">
      <header className="page-header">
        <div>
          <h1>{member.display_name}</h1>
          <p className="subtitle">
            In {member.group_name}. Read-only: only {member.display_name} changes their work.
          </p>
        </div>
        <Link href="/coaching" className="button button-secondary">
          All members
        </Link>
      </header>
      {member.board ? (
        <>
          <MemberBoard member={ref} conversations={member.conversations} />
          <MemberDeadlines member={ref} />
          <MemberFigures member={ref} />
        </>
      ) : (
        <p className="muted">{member.display_name} does not share their board with you.</p>
      )}
      {member.documents && <MemberDocuments member={ref} />}
    </div>
  );
}

function MemberBoard({ member, conversations }: { member: MemberRef; conversations: boolean }) {
  const board = useMemberBoard(member);
  const meta = useMeta();
  const [open, setOpen] = useState<number | null>(null);
  return (
    <section className="panel" aria-labelledby="member-board">
      <div className="panel-header">
        <h2 id="member-board">Board</h2>
      </div>
      {board.isPending ? (
        <Loading>Loading the board…</Loading>
      ) : board.isError ? (
        <ErrorAlert title="Could not load the board." error={board.error} />
      ) : board.data.items.length === 0 ? (
        <p className="muted">No applications on the board yet.</p>
      ) : (
        <ul className="member-cards">
          {board.data.items.map((card) => (
            <li key={card.id} className="member-card">
              <div className="member-card-head">
                <div>
                  <strong>{card.company}</strong> — {card.role}
                  <p className="muted">
                    {labelOf(meta.data?.stages, card.stage)}
                    {card.next_step ? ` · next: ${card.next_step.title}` : ""}
                  </p>
                </div>
                <Button
                  size="small"
                  aria-expanded={open === card.id}
                  onClick={() => setOpen(open === card.id ? null : card.id)}
                >
                  {open === card.id ? "Close" : "Comments"}
                  <span className="visually-hidden">
                    {" "}
                    on {card.company} — {card.role}
                  </span>
                </Button>
              </div>
              {open === card.id && (
                <>
                  <CommentThread
                    applicationId={card.id}
                    boxLabel={`Comment on ${card.company}`}
                    emptyText="No comments yet. Yours will be the first."
                  />
                  {conversations && <Conversation member={member} applicationId={card.id} />}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Conversation({ member, applicationId }: { member: MemberRef; applicationId: number }) {
  const [shown, setShown] = useState(false);
  const conversation = useMemberConversation(member, applicationId, shown);
  if (!shown) {
    return (
      <Button size="small" variant="ghost" onClick={() => setShown(true)}>
        Show the assistant conversation
      </Button>
    );
  }
  if (conversation.isPending) return <Loading>Loading the conversation…</Loading>;
  if (conversation.isError) {
    return <ErrorAlert title="Could not load the conversation." error={conversation.error} />;
  }
  const messages = conversation.data.messages;
  return (
    <div className="member-conversation">
      <h3>Assistant conversation</h3>
      {messages.length === 0 ? (
        <p className="muted">No conversation about this application.</p>
      ) : (
        <ol className="comment-list">
          {messages.map((message) => (
            <li key={message.id} className="comment">
              <p className="comment-meta">
                <strong>{message.role === "user" ? "Question" : "Assistant"}</strong> ·{" "}
                {formatMoment(message.created_at)}
              </p>
              <p className="comment-body">{message.content}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function MemberDeadlines({ member }: { member: MemberRef }) {
  const deadlines = useMemberDeadlines(member);
  return (
    <section className="panel" aria-labelledby="member-deadlines">
      <div className="panel-header">
        <h2 id="member-deadlines">Deadlines and deliverables</h2>
      </div>
      {deadlines.isPending ? (
        <Loading>Loading deadlines…</Loading>
      ) : deadlines.isError ? (
        <ErrorAlert title="Could not load the deadlines." error={deadlines.error} />
      ) : deadlines.data.deliverables.length + deadlines.data.application_deadlines.length ===
        0 ? (
        <p className="muted">Nothing due.</p>
      ) : (
        <ul className="member-deadlines">
          {deadlines.data.application_deadlines.map((deadline) => (
            <li key={`application-${deadline.application.id}`}>
              <strong>{formatDate(deadline.deadline)}</strong> · apply to{" "}
              {deadline.application.company} — {deadline.application.role}
            </li>
          ))}
          {deadlines.data.deliverables.map((deliverable) => (
            <li key={`deliverable-${deliverable.id}`}>
              <strong>
                {deliverable.due_at ? formatMoment(deliverable.due_at) : "No due date"}
              </strong>
              {deliverable.overdue && <span className="badge member-overdue">Overdue</span>} ·{" "}
              {deliverable.title} for {deliverable.application.company}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MemberFigures({ member }: { member: MemberRef }) {
  const dashboard = useMemberDashboard(member);
  if (dashboard.isPending) return <Loading>Loading the dashboard…</Loading>;
  if (dashboard.isError) {
    return <ErrorAlert title="Could not load the dashboard." error={dashboard.error} />;
  }
  const { totals, rates } = dashboard.data;
  const rate = (value: number | null) => (value === null ? "–" : `${Math.round(value * 100)}%`);
  return (
    <section className="panel" aria-labelledby="member-dashboard">
      <div className="panel-header">
        <h2 id="member-dashboard">Dashboard</h2>
      </div>
      <dl className="group-figures">
        <div>
          <dt>Applications</dt>
          <dd>{totals.applications.value}</dd>
        </div>
        <div>
          <dt>Active</dt>
          <dd>{totals.active.value}</dd>
        </div>
        <div>
          <dt>Applied in the last 30 days</dt>
          <dd>{totals.applied_last_30_days.value}</dd>
        </div>
        <div>
          <dt>Response rate</dt>
          <dd>{rate(rates.response.value)}</dd>
        </div>
        <div>
          <dt>Interview rate</dt>
          <dd>{rate(rates.interview.value)}</dd>
        </div>
        <div>
          <dt>Offers</dt>
          <dd>{totals.offers.value}</dd>
        </div>
      </dl>
    </section>
  );
}

function MemberDocuments({ member }: { member: MemberRef }) {
  const documents = useMemberDocuments(member, true);
  return (
    <section className="panel" aria-labelledby="member-documents">
      <div className="panel-header">
        <h2 id="member-documents">Documents</h2>
      </div>
      {documents.isPending ? (
        <Loading>Loading documents…</Loading>
      ) : documents.isError ? (
        <ErrorAlert title="Could not load the documents." error={documents.error} />
      ) : documents.data.items.length === 0 ? (
        <p className="muted">No documents.</p>
      ) : (
        <ul className="member-documents">
          {documents.data.items.map((document) => (
            <li key={document.id}>
              <a href={memberDocumentUrl(member, document.id)} download>
                {document.filename}
              </a>{" "}
              <span className="muted">{formatBytes(document.size_bytes)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
