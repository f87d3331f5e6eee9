// The one place that turns the API's field names (`applied_on`, `tags.2`) into the labels
// people see next to the inputs, so no message in the UI names a field by its internal id.

const LABELS: Record<string, string> = {
  // An application's form (features/applications/ApplicationFields.tsx).
  company: "Company",
  role: "Role",
  stage: "Stage",
  priority: "Priority",
  job_url: "Job URL",
  location: "Location",
  work_mode: "Work mode",
  salary_min: "Salary min",
  salary_max: "Salary max",
  salary_currency: "Currency",
  salary_period: "Salary period",
  employment_type: "Employment type",
  source: "Source",
  applied_on: "Applied on",
  deadline: "Deadline",
  posted_on: "Posted on",
  tags: "Tags",
  job_description: "Job description",
  notes: "Notes",
  // Names the other forms share.
  email: "Email",
  password: "Password",
  display_name: "Display name",
  code: "Code",
  name: "Name",
  title: "Title",
  due_at: "Due",
  kind: "Kind",
  phone: "Phone",
  content: "Content",
  filename: "File name",
  file: "File",
  // An interview's form (features/applications/InterviewsSection.tsx).
  starts_at: "When",
  time_zone: "Time zone",
  duration_minutes: "Duration (minutes)",
  meeting_url: "Meeting link",
  contact_ids: "With",
  prep_notes: "Preparation notes",
  outcome: "Outcome",
  debrief: "Debrief",
  max_users: "Maximum users",
  max_applications_per_user: "Applications per user",
  // The admin's users (features/admin).
  max_applications: "Applications",
  max_storage_mb: "Storage (MB)",
  max_assistant_messages_per_day: "Assistant messages a day",
  confirm_email: "Their email, to confirm",
  // Reminders and email (features/notifications, the password pages).
  follow_up_days: "Follow up after (days)",
  follow_up_again_days: "Follow up again after (days)",
  deadline_soon_days: "Deadline reminder (days before)",
  ghosted_days: "Suggest Ghosted after (days)",
  frequency: "How often",
  hour: "At (your time)",
  weekday: "On",
  snoozed_until: "Snooze until",
  new_password: "New password",
};

/** The label of an API field: "applied_on" → "Applied on", "tags.2" → "Tags". */
export function fieldLabel(field: string): string {
  const [name = field] = field.split(".");
  const known = LABELS[name];
  if (known) return known;
  const words = name.replace(/_/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : "This field";
}

/** A refused form's fields as one sentence per field, each named by its label. */
export function describeFieldProblems(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([field, message]) => (field === "body" ? message : `${fieldLabel(field)}: ${message}`))
    .join(" ");
}
