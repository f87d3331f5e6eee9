// Server state for the resume and cover letter an application was sent with.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";
import { keys } from "../../api/hooks";

export type SentDocuments = Schemas["SentDocuments"];
export type SentDocument = Schemas["SentDocumentOut"];
export type SentDocumentsUpdate = Schemas["SentDocumentsUpdate"];

/** Stages the employer sees: moving into one from elsewhere means it was sent. */
export const SENT_STAGES: ReadonlySet<string> = new Set([
  "applied",
  "screening",
  "interview",
  "offer",
  "accepted",
]);

const sentKey = (applicationId: number) => [...keys.documents, "sent", applicationId] as const;

export function useSentDocuments(applicationId: number) {
  return useQuery({
    queryKey: sentKey(applicationId),
    queryFn: () =>
      unwrap(
        api.GET("/api/applications/{application_id}/sent-documents", {
          params: { path: { application_id: applicationId } },
        }),
      ),
  });
}

export function useUpdateSentDocuments(applicationId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SentDocumentsUpdate) =>
      unwrap(
        api.PATCH("/api/applications/{application_id}/sent-documents", {
          params: { path: { application_id: applicationId } },
          body,
        }),
      ),
    onSuccess: (sent) => {
      client.setQueryData(sentKey(applicationId), sent);
      // The fit is measured against the resume sent, when no other is picked.
      return client.invalidateQueries({ queryKey: ["documents", "fit", applicationId] });
    },
  });
}

/** "Resume v2 (resume-2026.pdf)": the name is the one it had when it was chosen. */
export function sentLabel(document: SentDocument): string {
  const kind = document.kind === "resume" ? "Resume" : "Cover letter";
  const version = document.version ? ` v${document.version}` : "";
  return `${kind}${version} (${document.filename})`;
}
