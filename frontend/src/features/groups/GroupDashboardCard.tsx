// A group's figures over the members who share their board, added together; with fewer than
// the minimum sharing, only how many share (so nobody's own figures show through).
import { ErrorAlert } from "../../components/ErrorAlert";
import { Loading } from "../../components/Loading";
import { useMeta, labelOf } from "../../api/hooks";
import { formatDate } from "../../lib/format";
import { useGroupDashboard, type MemberRef } from "./queries";
import type { Schemas } from "../../api/client";

type Rate = Schemas["GroupRate"];

function percent(rate: Rate): string {
  return rate.value === null ? "–" : `${Math.round(rate.value * 100)}%`;
}

export function GroupDashboardCard({ groupId }: { groupId: MemberRef["groupId"] }) {
  const dashboard = useGroupDashboard(groupId);
  const meta = useMeta();
  if (dashboard.isPending) return <Loading>Loading the group's figures…</Loading>;
  if (dashboard.isError) {
    return <ErrorAlert title="Could not load the group's figures." error={dashboard.error} />;
  }
  const { members, members_sharing, minimum_sharing, figures } = dashboard.data;
  return (
    <div className="group-dashboard">
      <h3>Group dashboard</h3>
      <p>
        Members sharing: <strong>{members_sharing}</strong> of {members}
      </p>
      {!figures ? (
        <p className="muted">
          Figures show once at least {minimum_sharing} members share their board, so that no
          one's own numbers can be picked out.
        </p>
      ) : (
        <>
          <dl className="group-figures">
            <div>
              <dt>Applications</dt>
              <dd>{figures.applications}</dd>
            </div>
            <div>
              <dt>Response rate</dt>
              <dd>
                {percent(figures.response_rate)}{" "}
                <span className="muted">
                  ({figures.response_rate.numerator} of {figures.response_rate.denominator})
                </span>
              </dd>
            </div>
            <div>
              <dt>Interview rate</dt>
              <dd>
                {percent(figures.interview_rate)}{" "}
                <span className="muted">
                  ({figures.interview_rate.numerator} of {figures.interview_rate.denominator})
                </span>
              </dd>
            </div>
          </dl>
          <div className="group-tables">
            <table className="data-table">
              <caption>Applications per week</caption>
              <thead>
                <tr>
                  <th scope="col">Week of</th>
                  <th scope="col">Applications</th>
                </tr>
              </thead>
              <tbody>
                {figures.applications_per_week.map((week) => (
                  <tr key={week.week}>
                    <td>{formatDate(week.week)}</td>
                    <td>{week.applications}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table className="data-table">
              <caption>Applications by stage now</caption>
              <thead>
                <tr>
                  <th scope="col">Stage</th>
                  <th scope="col">Applications</th>
                </tr>
              </thead>
              <tbody>
                {figures.stages
                  .filter((stage) => stage.count > 0)
                  .map((stage) => (
                    <tr key={stage.stage}>
                      <td>{labelOf(meta.data?.stages, stage.stage)}</td>
                      <td>{stage.count}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
