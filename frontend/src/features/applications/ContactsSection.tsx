// The people behind an application: recruiters, hiring managers, referrers.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import { api, fieldError, unwrap, type Schemas } from "../../api/client";
import { keys } from "../../api/hooks";
import { Button } from "../../components/Button";
import { ConfirmButton } from "../../components/ConfirmButton";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { TextAreaField, TextField } from "../../components/Field";
import { Loading } from "../../components/Loading";
import { useApplicationContacts } from "./queries";

type Contact = Schemas["ContactOut"];
type ContactFields = Schemas["ContactCreate"];

export function ContactsSection({ applicationId }: { applicationId: number }) {
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const contacts = useApplicationContacts(applicationId);
  const create = useMutation({
    mutationFn: (body: ContactFields) =>
      unwrap(
        api.POST("/api/applications/{application_id}/contacts", {
          params: { path: { application_id: applicationId } },
          body,
        }),
      ),
    onSuccess: () => {
      setAdding(false);
      return client.invalidateQueries({ queryKey: keys.contacts(applicationId) });
    },
  });
  const items = contacts.data?.items ?? [];

  return (
    <section className="panel" aria-labelledby="contacts-heading">
      <div className="panel-header">
        <h2 id="contacts-heading">Contacts</h2>
        {!adding && (
          <Button size="small" onClick={() => setAdding(true)}>
            Add contact
          </Button>
        )}
      </div>
      {contacts.isPending && <Loading>Loading contacts…</Loading>}
      <ErrorAlert title="Contacts could not be loaded." error={contacts.error} />
      {contacts.data && items.length === 0 && !adding && (
        <EmptyState title="No contacts yet">
          <p>Add the recruiter or hiring manager you talk to, so their details are at hand.</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="item-list">
          {items.map((contact) => (
            <ContactRow key={contact.id} contact={contact} applicationId={applicationId} />
          ))}
        </ul>
      )}
      {adding && (
        <div className="subform">
          <h3>Add a contact</h3>
          <ContactForm
            busy={create.isPending}
            error={create.error}
            onSubmit={(body) => create.mutate(body)}
            onCancel={() => {
              create.reset();
              setAdding(false);
            }}
          />
        </div>
      )}
    </section>
  );
}

function ContactRow({ contact, applicationId }: { contact: Contact; applicationId: number }) {
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const path = { params: { path: { contact_id: contact.id } } };
  const refresh = () => client.invalidateQueries({ queryKey: keys.contacts(applicationId) });
  const update = useMutation({
    mutationFn: (body: Schemas["ContactUpdate"]) =>
      unwrap(api.PATCH("/api/contacts/{contact_id}", { ...path, body })),
    onSuccess: () => {
      setEditing(false);
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/api/contacts/{contact_id}", path)),
    onSuccess: refresh,
  });

  if (editing) {
    return (
      <li className="item">
        <ContactForm
          contact={contact}
          busy={update.isPending}
          error={update.error}
          onSubmit={(body) => update.mutate(body)}
          onCancel={() => {
            update.reset();
            setEditing(false);
          }}
        />
      </li>
    );
  }

  return (
    <li className="item">
      <div className="item-row">
        <div>
          <span className="item-title">{contact.name}</span>
          {contact.role && <span className="muted"> · {contact.role}</span>}
          <div className="item-meta">
            {contact.email && <a href={`mailto:${contact.email}`}>{contact.email}</a>}
            {contact.phone && <a href={`tel:${contact.phone.replace(/\s/g, "")}`}>{contact.phone}</a>}
          </div>
        </div>
        <div className="button-row">
          <Button
            size="small"
            variant="ghost"
            aria-label={`Edit ${contact.name}`}
            onClick={() => setEditing(true)}
          >
            Edit
          </Button>
          <ConfirmButton
            size="small"
            label="Delete"
            name={`Delete ${contact.name}`}
            question={`Delete ${contact.name} from this application's contacts?`}
            confirmLabel="Delete contact"
            busy={remove.isPending}
            error={remove.error}
            onConfirm={() => remove.mutate()}
          />
        </div>
      </div>
      {contact.notes && <p className="small">{contact.notes}</p>}
    </li>
  );
}

function ContactForm({
  contact,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  contact?: Contact;
  busy: boolean;
  error: unknown;
  onSubmit: (body: ContactFields) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(contact?.name ?? "");
  const [role, setRole] = useState(contact?.role ?? "");
  const [email, setEmail] = useState(contact?.email ?? "");
  const [phone, setPhone] = useState(contact?.phone ?? "");
  const [notes, setNotes] = useState(contact?.notes ?? "");
  const [missingName, setMissingName] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setMissingName(true);
      return;
    }
    setMissingName(false);
    const optional = (text: string) => (text.trim() ? text.trim() : null);
    onSubmit({
      name: name.trim(),
      role: optional(role),
      email: optional(email),
      phone: optional(phone),
      notes: notes.trim() ? notes : null,
    });
  }

  return (
    <form
      className="form"
      onSubmit={submit}
      noValidate
      aria-label={contact ? `Edit ${contact.name}` : "Add a contact"}
    >
      <div className="form-grid">
        <TextField
          label="Name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={200}
          required
          autoComplete="off"
          error={missingName ? "Give their name." : fieldError(error, "name")}
        />
        {/* Not "Role": that label belongs to the application's own role on this page. */}
        <TextField
          label="Job title"
          value={role}
          onChange={(event) => setRole(event.target.value)}
          maxLength={200}
          placeholder="Recruiter, hiring manager…"
          error={fieldError(error, "role")}
        />
        <TextField
          label="Email"
          type="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          autoComplete="off"
          error={fieldError(error, "email")}
        />
        <TextField
          label="Phone"
          type="tel"
          value={phone}
          onChange={(event) => setPhone(event.target.value)}
          maxLength={50}
          autoComplete="off"
          error={fieldError(error, "phone")}
        />
        <TextAreaField
          label="About them"
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          rows={3}
          className="span-2"
          error={fieldError(error, "notes")}
        />
      </div>
      <ErrorAlert title="Not saved." error={error} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy}>
          Save contact
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
