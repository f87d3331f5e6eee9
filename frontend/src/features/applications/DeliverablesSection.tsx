// What an application asks for: add, edit, tick done and delete deliverables with due dates.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";

import { api, fieldError, unwrap, type Schemas } from "../../api/client";
import { invalidate, keys, labelOf, useMeta } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ConfirmButton } from "../../components/ConfirmButton";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField, TextAreaField, TextField } from "../../components/Field";
import { Loading, Spinner } from "../../components/Loading";
import { formatMoment, fromLocalInputs, relativeDay, toLocalInputs } from "../../lib/format";

type Deliverable = Schemas["DeliverableOut"];
type DeliverableUpdate = Schemas["DeliverableUpdate"];

function useDeliverables(applicationId: number) {
  return useQuery({
    queryKey: keys.applicationDeliverables(applicationId),
    queryFn: () =>
      unwrap(
        api.GET("/api/applications/{application_id}/deliverables", {
          params: { path: { application_id: applicationId }, query: { limit: 200 } },
        }),
      ),
  });
}

/** Deliverables show on this page, in Upcoming and on the board's cards: refresh them all. */
function useRefresh() {
  const client = useQueryClient();
  return () => invalidate(client, keys.deliverables, keys.applications);
}

export function DeliverablesSection({ applicationId }: { applicationId: number }) {
  const deliverables = useDeliverables(applicationId);
  const items = deliverables.data?.items ?? [];

  return (
    <section className="panel" aria-labelledby="deliverables-heading">
      <div className="panel-header">
        <h2 id="deliverables-heading">Deliverables</h2>
        {deliverables.isFetching && !deliverables.isPending && <Spinner />}
      </div>
      {deliverables.isPending && <Loading>Loading deliverables…</Loading>}
      <ErrorAlert title="Deliverables could not be loaded." error={deliverables.error} />
      {deliverables.data && items.length === 0 && (
        <EmptyState title="Nothing to deliver yet">
          <p>
            Add what this application asks of you (an essay, a form, a coding task) with its due
            date. It will show up in Upcoming and on the board's card.
          </p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="item-list">
          {items.map((deliverable) => (
            <DeliverableRow key={deliverable.id} deliverable={deliverable} />
          ))}
        </ul>
      )}
      <AddDeliverable applicationId={applicationId} />
    </section>
  );
}

function DueDate({ deliverable }: { deliverable: Deliverable }) {
  if (!deliverable.due_at) return <span>No due date</span>;
  const when = `${formatMoment(deliverable.due_at)} (${relativeDay(deliverable.due_at)})`;
  if (deliverable.overdue) {
    return (
      <time className="overdue" dateTime={deliverable.due_at}>
        Overdue · was due {when}
      </time>
    );
  }
  return <time dateTime={deliverable.due_at}>Due {when}</time>;
}

function DeliverableRow({ deliverable }: { deliverable: Deliverable }) {
  const meta = useMeta().data;
  const client = useQueryClient();
  const refresh = useRefresh();
  const [editing, setEditing] = useState(false);
  const path = { params: { path: { deliverable_id: deliverable.id } } };
  const update = useMutation({
    mutationFn: (body: DeliverableUpdate) =>
      unwrap(api.PATCH("/api/deliverables/{deliverable_id}", { ...path, body })),
    onSuccess: (saved) => {
      // Show the saved row at once; the refetch that follows confirms the whole list.
      client.setQueryData<Schemas["Page_DeliverableOut_"]>(
        keys.applicationDeliverables(saved.application_id),
        (page) =>
          page && { ...page, items: page.items.map((item) => (item.id === saved.id ? saved : item)) },
      );
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/deliverables/{deliverable_id}", path)),
    onSuccess: refresh,
  });
  const done = deliverable.state === "done";
  // The tick shows at once; it goes back if the server refuses.
  const [ticked, setTicked] = useState(done);
  useEffect(() => setTicked(done), [done]);

  function tick(checked: boolean) {
    setTicked(checked);
    update.mutate(
      { state: checked ? "done" : "not_started" },
      { onError: () => setTicked(done) },
    );
  }

  if (editing) {
    return (
      <li className="item">
        <DeliverableForm
          deliverable={deliverable}
          busy={update.isPending}
          error={update.error}
          onSubmit={(body) => update.mutate(body, { onSuccess: () => setEditing(false) })}
          onCancel={() => {
            update.reset();
            setEditing(false);
          }}
        />
      </li>
    );
  }

  return (
    <li className="item" aria-busy={update.isPending || remove.isPending || undefined}>
      <div className="item-row">
        <div className="item-main">
          <input
            type="checkbox"
            id={`deliverable-${deliverable.id}-done`}
            aria-label={`Mark ${deliverable.title} done`}
            checked={ticked}
            disabled={update.isPending}
            onChange={(event) => tick(event.target.checked)}
          />
          <div>
            <span className={ticked ? "item-title done-text" : "item-title"}>{deliverable.title}</span>
            <div className="item-meta">
              <span>{labelOf(meta?.deliverable_kinds, deliverable.kind)}</span>
              <span>{labelOf(meta?.deliverable_states, deliverable.state)}</span>
              <DueDate deliverable={deliverable} />
              {update.isPending && (
                <span>
                  <Spinner /> Saving…
                </span>
              )}
            </div>
          </div>
        </div>
        <div className="button-row">
          <Button
            size="small"
            variant="ghost"
            aria-label={`Edit ${deliverable.title}`}
            onClick={() => setEditing(true)}
          >
            Edit
          </Button>
          <ConfirmButton
            size="small"
            label="Delete"
            name={`Delete ${deliverable.title}`}
            question={`Delete “${deliverable.title}”? This cannot be undone.`}
            confirmLabel="Delete deliverable"
            busy={remove.isPending}
            error={remove.error}
            onConfirm={() => remove.mutate()}
          />
        </div>
      </div>
      {deliverable.content && <p className="small">{deliverable.content}</p>}
      <ErrorAlert title="Not saved." error={update.error} />
    </li>
  );
}

function AddDeliverable({ applicationId }: { applicationId: number }) {
  const refresh = useRefresh();
  // A new form after each success, so the inputs start empty again.
  const [round, setRound] = useState(0);
  const create = useMutation({
    mutationFn: (body: Schemas["DeliverableCreate"]) =>
      unwrap(
        api.POST("/api/applications/{application_id}/deliverables", {
          params: { path: { application_id: applicationId } },
          body,
        }),
      ),
    onSuccess: () => {
      setRound((value) => value + 1);
      return refresh();
    },
  });
  return (
    <div className="subform">
      <h3>Add a deliverable</h3>
      <DeliverableForm
        key={round}
        busy={create.isPending}
        error={create.error}
        onSubmit={(body) => create.mutate(body as Schemas["DeliverableCreate"])}
      />
    </div>
  );
}

function DeliverableForm({
  deliverable,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  deliverable?: Deliverable;
  busy: boolean;
  error: unknown;
  onSubmit: (body: DeliverableUpdate) => void;
  onCancel?: () => void;
}) {
  const meta = useMeta().data;
  const due = toLocalInputs(deliverable?.due_at);
  const [title, setTitle] = useState(deliverable?.title ?? "");
  const [kind, setKind] = useState<string>(deliverable?.kind ?? "other");
  const [state, setState] = useState<string>(deliverable?.state ?? "not_started");
  const [dueDate, setDueDate] = useState(due.date);
  const [dueTime, setDueTime] = useState(deliverable?.due_at ? due.time : "");
  const [content, setContent] = useState(deliverable?.content ?? "");
  const [missingTitle, setMissingTitle] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) {
      setMissingTitle(true);
      return;
    }
    setMissingTitle(false);
    const body: DeliverableUpdate = {
      title: title.trim(),
      kind: kind as Deliverable["kind"],
      due_at: fromLocalInputs(dueDate, dueTime),
    };
    if (deliverable) {
      body.state = state as Deliverable["state"];
      body.content = content.trim() ? content : null;
    }
    onSubmit(body);
  }

  const options = (choices: readonly Schemas["Choice"][] | undefined) =>
    (choices ?? []).map((choice) => ({ value: choice.id, label: choice.label }));

  return (
    <form
      className="form"
      onSubmit={submit}
      noValidate
      aria-label={deliverable ? `Edit ${deliverable.title}` : "Add a deliverable"}
    >
      <div className="form-grid">
        <TextField
          label="Title"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          maxLength={200}
          required
          placeholder="Cover letter, take-home exercise…"
          error={missingTitle ? "Give it a title." : fieldError(error, "title")}
          className="span-2"
        />
        <SelectField
          label="Kind"
          value={kind}
          onChange={(event) => setKind(event.target.value)}
          options={options(meta?.deliverable_kinds)}
          error={fieldError(error, "kind")}
        />
        {deliverable && (
          <SelectField
            label="State"
            value={state}
            onChange={(event) => setState(event.target.value)}
            options={options(meta?.deliverable_states)}
            error={fieldError(error, "state")}
          />
        )}
        <TextField
          label="Due"
          type="date"
          value={dueDate}
          onChange={(event) => setDueDate(event.target.value)}
          error={fieldError(error, "due_at")}
        />
        <TextField
          label="Time"
          type="time"
          value={dueTime}
          onChange={(event) => setDueTime(event.target.value)}
          hint="Optional; the end of the day if left empty."
        />
        {deliverable && (
          <TextAreaField
            label="Content"
            value={content}
            onChange={(event) => setContent(event.target.value)}
            rows={4}
            className="span-2"
            error={fieldError(error, "content")}
          />
        )}
      </div>
      <ErrorAlert title="Not saved." error={error} />
      <div className="form-actions">
        <Button type="submit" variant={deliverable ? "primary" : "secondary"} busy={busy}>
          {deliverable ? "Save deliverable" : "Add deliverable"}
        </Button>
        {onCancel && (
          <Button onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
