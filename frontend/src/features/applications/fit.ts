// The fit between this application's posting and a resume, from the server (computed offline),
// and the prepared question that asks the assistant for a written review of it.
import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";

export type Fit = Schemas["FitOut"];
export type FitAnalysis = Schemas["FitAnalysis"];

// While the resume's text is being read, look again this often.
const PENDING_RECHECK_MS = 3000;
// The assistant takes messages of up to 8,000 characters; a few names of each kind suffice.
const NAMED_IN_REVIEW = 12;

/**
 * Under the documents' key, so uploading a resume or changing a document's kind refreshes it;
 * the application's last change is part of the key, so a new job description does too.
 */
export function useFit(applicationId: number, documentId: number | null, changedAt: string) {
  return useQuery({
    queryKey: ["documents", "fit", applicationId, documentId, changedAt] as const,
    queryFn: () =>
      unwrap(
        api.GET("/api/applications/{application_id}/fit", {
          params: {
            path: { application_id: applicationId },
            query: documentId === null ? {} : { document_id: documentId },
          },
        }),
      ),
    // A new job description or another resume keeps the last figures in view while measured.
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.state === "resume_text_pending" ? PENDING_RECHECK_MS : false,
  });
}

function listed(names: string[]): string {
  const shown = names.slice(0, NAMED_IN_REVIEW);
  const more = names.length - shown.length;
  return shown.join(", ") + (more > 0 ? ` and ${more} more` : "");
}

/** "Review my fit …" with the analysis, for the assistant to comment on. */
export function reviewRequest(fit: Fit): string {
  const analysis = fit.analysis;
  if (!analysis) return "Review my fit for this role.";
  const lines = [
    "Review my fit for this role.",
    `Job Tracker's fit analysis of my resume “${fit.resume?.filename ?? ""}”: ${analysis.score}/100.`,
    analysis.explanation,
  ];
  const groups: [string, string[]][] = [
    ["Skills in both", analysis.matched.map((item) => item.skill)],
    ["Missing required skills", analysis.missing_required.map((item) => item.skill)],
    ["Missing nice-to-have skills", analysis.missing_nice.map((item) => item.skill)],
    ["Words the posting repeats that my resume lacks", analysis.keywords_missing],
  ];
  for (const [label, names] of groups) {
    if (names.length > 0) lines.push(`${label}: ${listed(names)}.`);
  }
  lines.push("What should I change in my resume, and is it worth applying?");
  return lines.join("\n");
}
