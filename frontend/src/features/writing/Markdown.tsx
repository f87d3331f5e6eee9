// Markdown as HTML, safely: raw HTML in a note is shown as text, never run, and link targets
// pass react-markdown's URL filter (no `javascript:`). Loaded on first use, not with the app.
import { lazy, Suspense } from "react";

import { Loading } from "../../components/Loading";

const Renderer = lazy(() => import("./MarkdownRenderer"));

export function Markdown({ source }: { source: string }) {
  return (
    <Suspense fallback={<Loading>Loading preview…</Loading>}>
      <Renderer source={source} />
    </Suspense>
  );
}
