// Webhooks in Settings: add one (address and events), see its secret once, switch it off and
// on, send a test, rotate the secret, delete it, and read its delivery log.
import { useState, type FormEvent } from "react";

import { fieldError, type Schemas } from "../../api/client";
import { Button } from "../../components/Button";
import { ConfirmButton } from "../../components/ConfirmButton";
import { ErrorAlert } from "../../components/ErrorAlert";
import { CheckboxField, TextField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { SecretShownOnce } from "../../components/SecretShownOnce";
import { formatMoment } from "../../lib/format";
import {
  useCreateWebhook,
  useDeleteWebhook,
  useRotateWebhookSecret,
  useTestWebhook,
  useUpdateWebhook,
  useWebhookAttempts,
  useWebhooks,
} from "./webhookQueries";
import "./webhooks.css";

type Webhook = Schemas["WebhookOut"];
type WithSecret = Schemas["WebhookWithSecret"];
type EventName = Schemas["SubscribableEvent"];

const EVENTS: readonly { value: EventName; label: string }[] = [
  { value: "application.created", label: "Application added" },
  { value: "application.stage_changed", label: "Stage changed" },
  { value: "interview.scheduled", label: "Interview scheduled" },
  { value: "deliverable.due", label: "Deliverable due within a day" },
];
const EVENT_LABELS: Record<string, string> = {
  ...Object.fromEntries(EVENTS.map((event) => [event.value, event.label])),
  ping: "Test",
};

export function WebhooksSection() {
  const webhooks = useWebhooks();
  const [secret, setSecret] = useState<WithSecret | null>(null);

  if (webhooks.isPending) return <Loading />;
  if (webhooks.isError) {
    return <ErrorAlert title="Could not load your webhooks." error={webhooks.error} />;
  }
  const { items, max_webhooks: maxWebhooks } = webhooks.data;
  return (
    <>
      <p>
        A webhook tells another service (your automation, a chat channel, a spreadsheet) what
        happens in your tracker: Job Tracker sends each event you choose to its address as a
        signed POST, and tries again later if it doesn&apos;t answer.
      </p>
      {secret ? (
        <SecretShownOnce
          secret={secret.secret}
          noun="secret"
          testId="new-webhook-secret"
          onDone={() => setSecret(null)}
        >
          <p>
            <strong>Copy the signing secret for {secret.url} now.</strong> It will not be shown
            again. The receiver checks each request with it: the{" "}
            <code>X-JobTracker-Signature</code> header holds <code>t=</code> (the time) and{" "}
            <code>v1=</code>, the HMAC-SHA256 of the time, a dot and the body, keyed with this
            secret.
          </p>
        </SecretShownOnce>
      ) : items.length >= maxWebhooks ? (
        <p className="muted" role="status">
          You have {maxWebhooks} webhooks, the most allowed. Delete one to add another.
        </p>
      ) : (
        <AddWebhookForm onCreated={setSecret} />
      )}
      {items.length > 0 && (
        <ul className="webhook-list" aria-label="Your webhooks">
          {items.map((webhook) => (
            <WebhookRow key={webhook.id} webhook={webhook} onRotated={setSecret} />
          ))}
        </ul>
      )}
    </>
  );
}

function AddWebhookForm({ onCreated }: { onCreated: (webhook: WithSecret) => void }) {
  const create = useCreateWebhook(onCreated);
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<EventName[]>(EVENTS.map((event) => event.value));

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = description.trim();
    create.mutate({ url: url.trim(), events, description: trimmed || null, enabled: true });
  }

  const urlError = fieldError(create.error, "url");
  const eventsError = fieldError(create.error, "events");
  const descriptionError = fieldError(create.error, "description");
  return (
    <form className="form settings-form" onSubmit={submit} noValidate aria-label="Add a webhook">
      <TextField
        label="Receiver's address"
        hint="Its https:// address, as the receiving service gives it."
        type="url"
        inputMode="url"
        placeholder="https://…"
        maxLength={2000}
        value={url}
        onChange={(event) => setUrl(event.target.value)}
        error={urlError}
      />
      <TextField
        label="Description (optional)"
        hint="What it is for, e.g. “Slack channel” or “My spreadsheet”."
        maxLength={200}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        error={descriptionError}
      />
      <fieldset className="webhook-events" aria-describedby="webhook-events-error">
        <legend>Send these events</legend>
        {EVENTS.map((option) => (
          <CheckboxField
            key={option.value}
            label={option.label}
            checked={events.includes(option.value)}
            onChange={(change) =>
              setEvents((chosen) =>
                change.target.checked
                  ? [...chosen, option.value]
                  : chosen.filter((value) => value !== option.value),
              )
            }
          />
        ))}
        {eventsError && (
          <p id="webhook-events-error" className="field-error">
            {eventsError}
          </p>
        )}
      </fieldset>
      {!urlError && !eventsError && !descriptionError && (
        <ErrorAlert title="Could not add the webhook." error={create.error} />
      )}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={create.isPending}>
          Add webhook
        </Button>
      </div>
    </form>
  );
}

function WebhookRow({
  webhook,
  onRotated,
}: {
  webhook: Webhook;
  onRotated: (webhook: WithSecret) => void;
}) {
  const update = useUpdateWebhook(webhook.id);
  const test = useTestWebhook(webhook.id);
  const rotate = useRotateWebhookSecret(webhook.id, onRotated);
  const remove = useDeleteWebhook(webhook.id);
  const [showLog, setShowLog] = useState(false);
  // Shown as switched at once; put back if the server refuses.
  const [enabled, setEnabled] = useState(webhook.enabled);
  const name = webhook.description ?? webhook.url;
  return (
    <li className="webhook">
      {webhook.description && <strong>{webhook.description}</strong>}
      <p className="webhook-url">{webhook.url}</p>
      <p className="muted">
        {webhook.events.map((event) => EVENT_LABELS[event] ?? event).join(", ")} · secret
        ending {webhook.secret_hint} · added {formatMoment(webhook.created_at)}
      </p>
      <div className="webhook-actions">
        <CheckboxField
          label="Enabled"
          aria-label={`Send events to ${name}`}
          checked={enabled}
          disabled={update.isPending}
          onChange={(event) => {
            const switched = event.target.checked;
            setEnabled(switched);
            update.mutate({ enabled: switched }, { onError: () => setEnabled(!switched) });
          }}
        />
        <Button size="small" busy={test.isPending} onClick={() => test.mutate()}>
          Send test
        </Button>
        <Button size="small" aria-expanded={showLog} onClick={() => setShowLog((shown) => !shown)}>
          {showLog ? "Hide delivery log" : "Delivery log"}
        </Button>
        <ConfirmButton
          size="small"
          label="Rotate secret"
          name={`Rotate the secret of ${name}`}
          question="Make a new secret? The receiver must be given it: requests signed with the old one stop at once."
          confirmLabel="Rotate secret"
          busy={rotate.isPending}
          error={rotate.error}
          onConfirm={() => rotate.mutate()}
        />
        <ConfirmButton
          size="small"
          label="Delete"
          name={`Delete ${name}`}
          question={`Delete the webhook to ${webhook.url}? Nothing more is sent to it.`}
          confirmLabel="Delete webhook"
          busy={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate()}
        />
      </div>
      <ErrorAlert title="Could not change the webhook." error={update.error} />
      <ErrorAlert title="Could not send the test." error={test.error} />
      <div role="status">{test.data && <TestOutcome result={test.data} />}</div>
      {showLog && <DeliveryLog webhookId={webhook.id} />}
    </li>
  );
}

function TestOutcome({ result }: { result: Schemas["TestResult"] }) {
  if (result.delivered) {
    return (
      <p className="webhook-ok">
        Test delivered: the receiver answered {result.status_code} in {result.duration_ms} ms.
      </p>
    );
  }
  return <p className="webhook-failed">Test not delivered. {result.error}</p>;
}

function DeliveryLog({ webhookId }: { webhookId: number }) {
  const attempts = useWebhookAttempts(webhookId, true);
  if (attempts.isPending) return <Loading />;
  if (attempts.isError) {
    return <ErrorAlert title="Could not load the delivery log." error={attempts.error} />;
  }
  const items = attempts.data.items;
  if (items.length === 0) {
    return <p className="muted">Nothing sent yet. Send a test to try it.</p>;
  }
  return (
    <ul className="webhook-log" aria-label="Delivery log, newest first">
      {items.map((attempt) => (
        <li key={attempt.id}>
          <span className={attempt.delivered ? "webhook-ok" : "webhook-failed"}>
            {attempt.delivered ? "Delivered" : "Failed"}
          </span>{" "}
          · {EVENT_LABELS[attempt.event] ?? attempt.event} · {formatMoment(attempt.attempted_at)}{" "}
          · {attempt.status_code === null ? "no answer" : `answered ${attempt.status_code}`} ·{" "}
          {attempt.duration_ms} ms
          {attempt.error && <p className="muted">{attempt.error}</p>}
        </li>
      ))}
    </ul>
  );
}
