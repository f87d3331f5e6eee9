// Interview kinds and outcomes in the UI's words, shared by the application page and Upcoming.
import type { Schemas } from "../../api/client";

export type Interview = Schemas["InterviewOut"];
export type InterviewKind = Schemas["InterviewKind"];
export type InterviewOutcome = Schemas["InterviewOutcome"];

export const KIND_LABELS: Record<InterviewKind, string> = {
  recruiter_call: "Recruiter call",
  phone_screen: "Phone screen",
  video: "Video call",
  technical: "Technical",
  take_home: "Take-home",
  onsite: "Onsite",
  panel: "Panel",
  final: "Final round",
};
export const OUTCOME_LABELS: Record<InterviewOutcome, string> = {
  waiting: "Waiting to hear",
  advanced: "Moved on to the next step",
  offer: "Offer",
  rejected: "Rejected",
  cancelled: "Cancelled",
};
export const KIND_OPTIONS = Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }));
export const OUTCOME_OPTIONS = [
  { value: "", label: "Not recorded yet" },
  ...Object.entries(OUTCOME_LABELS).map(([value, label]) => ({ value, label })),
];
