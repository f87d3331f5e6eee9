// Server state for the contacts page: every application's contacts, one page of a search.
import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";

export type ListedContact = Schemas["ContactListed"];

export const PAGE_SIZE = 50;

const allContacts = ["contacts", "all"] as const;

export function useAllContacts(text: string, offset: number) {
  return useQuery({
    queryKey: [...allContacts, { text, offset }],
    queryFn: () =>
      unwrap(
        api.GET("/api/contacts", {
          params: { query: { q: text || null, limit: PAGE_SIZE, offset } },
        }),
      ),
    // Contacts are changed on applications' pages, which refresh only their own list.
    staleTime: 0,
    // Typing in the search box keeps the last answer on screen instead of a spinner.
    placeholderData: keepPreviousData,
  });
}

export function contactVcardPath(contactId: number): string {
  return `/api/contacts/${contactId}.vcf`;
}

/** The vCard file of every contact, or only of those the search finds. */
export function contactsVcardPath(text: string): string {
  if (!text) return "/api/contacts.vcf";
  return `/api/contacts.vcf?${new URLSearchParams({ q: text }).toString()}`;
}
