// One user's limits, apart from the instance's: empty follows the instance, 0 means no limit.
import { useState, type FormEvent } from "react";

import { fieldError } from "../../api/client";
import { Button } from "../../components/Button";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextField } from "../../components/Field";
import { useUpdateUser, type AdminUser, type AdminUserUpdate } from "./adminQueries";

const LIMIT_MAX = 1_000_000;
const PROBLEM = `Enter a whole number from 0 (no limit) to ${LIMIT_MAX.toLocaleString()}, or leave it empty.`;

type QuotaKey = "max_applications" | "max_storage_mb" | "max_assistant_messages_per_day";

const QUOTAS: readonly { key: QuotaKey; label: string }[] = [
  { key: "max_applications", label: "Applications" },
  { key: "max_storage_mb", label: "Storage (MB)" },
  { key: "max_assistant_messages_per_day", label: "Assistant messages a day" },
];

/** The typed text as an override: null when empty, undefined when it is not a valid count. */
function parseOverride(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (!/^\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value <= LIMIT_MAX ? value : undefined;
}

function asText(value: number | null): string {
  return value === null ? "" : String(value);
}

export function QuotaForm({ user }: { user: AdminUser }) {
  const update = useUpdateUser(user.id);
  const [texts, setTexts] = useState<Record<QuotaKey, string>>({
    max_applications: asText(user.max_applications),
    max_storage_mb: asText(user.max_storage_mb),
    max_assistant_messages_per_day: asText(user.max_assistant_messages_per_day),
  });
  const [checked, setChecked] = useState(false);
  const parsed = Object.fromEntries(
    QUOTAS.map(({ key }) => [key, parseOverride(texts[key])]),
  ) as Record<QuotaKey, number | null | undefined>;

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (QUOTAS.some(({ key }) => parsed[key] === undefined)) return;
    update.mutate(parsed as AdminUserUpdate);
  }

  const errorOf = (key: QuotaKey) =>
    checked && parsed[key] === undefined ? PROBLEM : fieldError(update.error, key);
  const anyFieldError = QUOTAS.some(({ key }) => errorOf(key));

  return (
    <section className="admin-part" aria-labelledby={`quotas-${user.id}`}>
      <h3 id={`quotas-${user.id}`}>Quotas</h3>
      <form className="form" onSubmit={submit} noValidate>
        <div className="form-grid form-grid-3">
          {QUOTAS.map(({ key, label }) => (
            <TextField
              key={key}
              label={label}
              inputMode="numeric"
              value={texts[key]}
              placeholder="Instance's"
              onChange={(event) => {
                setTexts({ ...texts, [key]: event.target.value });
                if (update.isSuccess || update.isError) update.reset();
              }}
              error={errorOf(key)}
            />
          ))}
        </div>
        <p className="field-hint">
          Leave a box empty to follow the instance's limit; 0 means no limit for this user.
        </p>
        {!anyFieldError && <ErrorAlert error={update.error} />}
        <div className="button-row">
          <Button type="submit" busy={update.isPending}>
            Save quotas
          </Button>
          {update.isSuccess && (
            <span className="field-hint" role="status">
              Saved.
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
