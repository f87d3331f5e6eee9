// Server state for the assistant: one application's conversation (newest page first, earlier
// pages on demand), clearing it, and writing a streamed answer's outcome into the cache.
import {
  useInfiniteQuery,
  useMutation,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";
import { keys } from "../../api/hooks";

export type Conversation = Schemas["Conversation"];
export type Message = Schemas["MessageOut"];
export type AssistantInfo = Schemas["AssistantInfo"];
export type UsageToday = Schemas["UsageToday"];

type Pages = InfiniteData<Conversation, number | null>;

// Not under keys.applications: saving the application's details must not refetch the chat.
export const conversationKey = keys.conversation;

/** Pages of the conversation: the first is the latest; each next one holds earlier messages. */
export function useConversation(applicationId: number) {
  return useInfiniteQuery({
    queryKey: conversationKey(applicationId),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/applications/{application_id}/assistant", {
          params: {
            path: { application_id: applicationId },
            query: pageParam === null ? {} : { before: pageParam },
          },
        }),
      ),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => (page.has_earlier ? (page.messages[0]?.id ?? null) : null),
    // A refetch while an answer streams would only show what the stream already shows.
    refetchOnWindowFocus: false,
  });
}

/** Every loaded message, oldest first. */
export function allMessages(pages: { pages: Conversation[] } | undefined): Message[] {
  return pages ? [...pages.pages].reverse().flatMap((page) => page.messages) : [];
}

/**
 * Put a finished exchange into the cache at once (the stored question, then its answer if one
 * was stored), replacing whatever followed the question, as a retry does on the server. Then
 * refetch, for the day's usage.
 */
export function settleExchange(
  client: QueryClient,
  applicationId: number,
  exchange: { question: Message; answer: Message | null; canRetry: boolean },
): Promise<void> {
  const { question, answer, canRetry } = exchange;
  client.setQueryData<Pages>(conversationKey(applicationId), (pages) => {
    const [latest, ...earlier] = pages?.pages ?? [];
    if (!pages || !latest) return pages;
    const before = latest.messages.filter((message) => message.id < question.id);
    const messages = answer ? [...before, question, answer] : [...before, question];
    return { ...pages, pages: [{ ...latest, messages, can_retry: canRetry }, ...earlier] };
  });
  return client.invalidateQueries({ queryKey: conversationKey(applicationId) });
}

export function useClearConversation(applicationId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE("/api/applications/{application_id}/assistant", {
          params: { path: { application_id: applicationId } },
        }),
      ),
    onSuccess: () => {
      client.setQueryData<Pages>(conversationKey(applicationId), (pages) => {
        const latest = pages?.pages[0];
        if (!pages || !latest) return pages;
        const empty = { ...latest, messages: [], has_earlier: false, can_retry: false };
        return { pages: [empty], pageParams: [null] };
      });
      return client.invalidateQueries({ queryKey: conversationKey(applicationId) });
    },
  });
}
