// The proof-of-search report, fetched as a file so a refusal (too many applications, a range
// too long) is shown on the page instead of being saved as a file.
import { useMutation } from "@tanstack/react-query";

import { api, unwrap } from "../../api/client";

export type Paper = "a4" | "letter";
export type ReportFormat = "pdf" | "csv";
export type ReportRequest = { from: string; to: string; paper: Paper; format: ReportFormat };

function fileName({ from, to, format }: ReportRequest): string {
  return `proof-of-search-${from}-to-${to}.${format}`;
}

async function fetchReport(request: ReportRequest): Promise<Blob> {
  const query = { date_from: request.from, date_to: request.to };
  const answer =
    request.format === "pdf"
      ? api.GET("/api/reports/proof.pdf", {
          params: { query: { ...query, paper: request.paper } },
          parseAs: "blob",
        })
      : api.GET("/api/reports/proof.csv", { params: { query }, parseAs: "blob" });
  return (await unwrap(answer)) as Blob;
}

function save(blob: Blob, name: string): void {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

export function useDownloadReport() {
  return useMutation({
    mutationFn: async (request: ReportRequest) => {
      save(await fetchReport(request), fileName(request));
      return request.format;
    },
  });
}
