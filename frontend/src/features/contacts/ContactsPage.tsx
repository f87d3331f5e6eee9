// Everyone met along the search, from every application: find a person, reach them, take
// them to an address book as a vCard.
import { useState } from "react";
import { Link } from "wouter";

import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { TextField } from "../../components/Field";
import { FilteredList } from "../../components/FilteredList";
import { useDebounced } from "../../lib/useDebounced";
import { useTitle } from "../../lib/useTitle";
import {
  contactsVcardPath,
  contactVcardPath,
  PAGE_SIZE,
  useAllContacts,
  type ListedContact,
} from "./queries";
import "./contacts.css";

export default function ContactsPage() {
  useTitle("Contacts");
  const [text, setText] = useState("");
  const [offset, setOffset] = useState(0);
  const settledText = useDebounced(text.trim());
  const list = useAllContacts(settledText, offset);
  const filtered = Boolean(settledText);
  const hasContacts = (list.data?.total ?? 0) > 0;

  function search(next: string) {
    setText(next);
    setOffset(0);
  }

  return (
    <div className="page contacts">
      <header className="page-header">
        <div>
          <h1>Contacts</h1>
          <p className="subtitle">
            Recruiters, hiring managers and referrers from every application.
          </p>
        </div>
        {hasContacts && (
          <a className="button" href={contactsVcardPath(settledText)} download>
            {filtered ? "Export these as vCard" : "Export all as vCard"}
          </a>
        )}
      </header>

      <div className="panel">
        <FilteredList
          filters={
            <TextField
              label="Search contacts"
              type="search"
              value={text}
              placeholder="Name, role, email, phone or company"
              onChange={(event) => search(event.target.value)}
            />
          }
          list={list}
          noun="contacts"
          filtered={filtered}
          onClearFilters={() => search("")}
          noMatchHint="Try part of a name, an email address or a company."
          empty={
            <EmptyState title="No contacts yet">
              Add the people you talk to on an application&apos;s page, under Contacts; they
              all show here, ready to search and export.
            </EmptyState>
          }
        >
          {(page) => (
            <>
              <ul className="item-list" aria-label="Contacts">
                {page.items.map((contact) => (
                  <ContactItem key={contact.id} contact={contact} />
                ))}
              </ul>
              <Pages total={page.total} offset={offset} onOffset={setOffset} />
            </>
          )}
        </FilteredList>
      </div>
    </div>
  );
}

function ContactItem({ contact }: { contact: ListedContact }) {
  const { application } = contact;
  return (
    <li className="item contact-item">
      <div className="item-row">
        <div className="contact-who">
          <h2 className="item-title contact-name">{contact.name}</h2>
          {contact.role && <span className="muted"> · {contact.role}</span>}
          <div className="item-meta">
            <span>{application.company}</span>
            {contact.email && <a href={`mailto:${contact.email}`}>{contact.email}</a>}
            {contact.phone && (
              <a href={`tel:${contact.phone.replace(/\s/g, "")}`}>{contact.phone}</a>
            )}
          </div>
          <p className="small contact-application">
            Application:{" "}
            <Link href={`/applications/${application.id}`}>
              {application.role} at {application.company}
            </Link>
          </p>
        </div>
        <a
          className="button button-small"
          href={contactVcardPath(contact.id)}
          download
          aria-label={`Download vCard for ${contact.name}`}
        >
          Download vCard
        </a>
      </div>
    </li>
  );
}

function Pages({
  total,
  offset,
  onOffset,
}: {
  total: number;
  offset: number;
  onOffset: (offset: number) => void;
}) {
  if (total <= PAGE_SIZE) return null;
  const last = Math.min(offset + PAGE_SIZE, total);
  return (
    <nav className="contact-pages" aria-label="Pages of contacts">
      <Button
        size="small"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - PAGE_SIZE))}
      >
        Previous
      </Button>
      <span className="muted small" aria-live="polite">
        {offset + 1}–{last} of {total}
      </span>
      <Button size="small" disabled={last >= total} onClick={() => onOffset(offset + PAGE_SIZE)}>
        Next
      </Button>
    </nav>
  );
}
