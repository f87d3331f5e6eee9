// The assistant's place on the application page. The chat (and its Markdown renderer) is a
// chunk of its own, so the page shows its details without waiting for it.
import { lazy, Suspense } from "react";

import { Loading } from "../../components/Loading";

const Assistant = lazy(() => import("./Assistant"));

export function AssistantSection({ applicationId }: { applicationId: number }) {
  return (
    <Suspense
      fallback={
        <section className="panel" aria-labelledby="assistant-heading">
          <div className="panel-header">
            <h2 id="assistant-heading">Assistant</h2>
          </div>
          <Loading>Loading the assistant…</Loading>
        </section>
      }
    >
      <Assistant applicationId={applicationId} />
    </Suspense>
  );
}
