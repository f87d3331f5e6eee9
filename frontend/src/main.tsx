// Entry point: the theme, then the query cache and the router around the app.
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { createQueryClient, meQuery } from "./api/hooks";
import { App } from "./app/App";
import { prefetchBoard } from "./features/applications/boardQueries";
import { applyThemeChoice, readThemeChoice } from "./lib/theme";
import { guardHistoryNavigation } from "./lib/useLeaveGuard";
import "./styles.css";

// Before anything renders, so an explicit Light or Dark is in place for the first paint
// (the CSP allows no inline script in index.html to do it sooner).
applyThemeChoice(readThemeChoice());
// Before the router listens to Back and Forward, so a form with unsaved edits is asked first.
guardHistoryNavigation();

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

const queryClient = createQueryClient();
// Most visits open the board. Who is signed in is asked before the first render, and once the
// answer names someone, the board's cards are asked for while the page is drawn.
if (window.location.pathname === "/") {
  queryClient.fetchQuery(meQuery).then(
    (user) => user && prefetchBoard(queryClient),
    () => undefined, // the app shows the failure when it asks again
  );
}

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
