// Any address the app does not know.
import { Link } from "wouter";

import { useTitle } from "../lib/useTitle";

export function NotFoundPage() {
  useTitle("Page not found");
  return (
    <div className="page not-found">
      <h1>Page not found</h1>
      <p className="muted">There is nothing at this address.</p>
      <Link href="/">Back to your board</Link>
    </div>
  );
}
