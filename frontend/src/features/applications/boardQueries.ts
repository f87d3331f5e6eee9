// Server state for the board: every active application as a card, the user's own columns, and
// placing a card within a column (with its stage, in one request).
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "../../api/client";
import { keys } from "../../api/hooks";
import type { Stage } from "./queries";

export type BoardCardData = Schemas["BoardCardOut"];
export type BoardLayout = Schemas["BoardLayoutOut"];
export type StageLayout = Schemas["StageLayoutOut"];
export type StageLayoutIn = Schemas["StageLayoutIn"];
/** The board's cards, shaped like a page of the list so list-wide updates reach them too. */
export type BoardCards = { items: BoardCardData[]; total: number; limit: number; offset: number };

/** The API's board page: the board asks for pages of this size until it has every card. */
const BOARD_PAGE = 1000;
// Under the applications' list keys: every change to applications refreshes the board, and a
// stage move shows on it at once (useMoveApplication updates every list).
const BOARD_CARDS = keys.applicationList({ board: true });
const LAYOUT = ["board", "layout"] as const;

async function allCards(): Promise<BoardCards> {
  const first = await unwrap(api.GET("/api/board/cards", { params: { query: { limit: BOARD_PAGE } } }));
  const items = [...first.items];
  // A board of 2,000 applications is two requests; the total bounds the loop.
  while (items.length < first.total) {
    const page = await unwrap(
      api.GET("/api/board/cards", { params: { query: { limit: BOARD_PAGE, offset: items.length } } }),
    );
    if (page.items.length === 0) break;
    items.push(...page.items);
  }
  return { items, total: Math.max(first.total, items.length), limit: items.length, offset: 0 };
}

export function useBoardCards() {
  return useQuery({ queryKey: BOARD_CARDS, queryFn: allCards });
}

const layoutQuery = {
  queryKey: LAYOUT,
  queryFn: () => unwrap(api.GET("/api/board/layout")),
  staleTime: 60_000,
};

export function useBoardLayout() {
  return useQuery(layoutQuery);
}

/** Ask for the board's cards and columns now, before the page that shows them is drawn. */
export function prefetchBoard(client: QueryClient): void {
  void client.prefetchQuery({ queryKey: BOARD_CARDS, queryFn: allCards });
  void client.prefetchQuery(layoutQuery);
}

/** The layout to send: only what differs from each stage's default. */
export function layoutToSend(stages: readonly StageLayout[]): StageLayoutIn[] {
  return stages
    .filter((stage) => stage.label !== null || stage.hidden || stage.collapsed !== stage.final)
    .map(({ stage, label, collapsed, hidden }) => ({ stage, label, collapsed, hidden }));
}

export function useSaveBoardLayout() {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["board", "layout", "save"],
    mutationFn: (stages: StageLayoutIn[]) =>
      unwrap(api.PUT("/api/board/layout", { body: { stages } })),
    onMutate: async (stages) => {
      await client.cancelQueries({ queryKey: LAYOUT });
      const before = client.getQueryData<BoardLayout>(LAYOUT);
      if (before) {
        const wanted = new Map(stages.map((stage) => [stage.stage, stage]));
        client.setQueryData<BoardLayout>(LAYOUT, {
          stages: before.stages.map((column) => {
            const mine = wanted.get(column.stage);
            return {
              ...column,
              label: mine?.label ?? null,
              collapsed: mine?.collapsed ?? column.final,
              hidden: mine?.hidden ?? false,
            };
          }),
        });
      }
      return { before };
    },
    onError: (_error, _stages, context) => {
      if (context?.before) client.setQueryData(LAYOUT, context.before);
    },
    onSuccess: (layout) => client.setQueryData(LAYOUT, layout),
  });
}

export type Placement = { id: number; stage: Stage; afterId: number | null; company: string };

/** Where the card lands in the cached board at once: in its column, right after `afterId`. */
function placed(cards: BoardCards, { id, stage, afterId }: Placement): BoardCards {
  const card = cards.items.find((item) => item.id === id);
  if (!card) return cards;
  const rest = cards.items.filter((item) => item.id !== id);
  const moved = { ...card, stage };
  let index = afterId === null ? -1 : rest.findIndex((item) => item.id === afterId);
  if (index < 0) {
    // At the top of its column: before the first card of that stage, or where the stage begins.
    const first = rest.findIndex((item) => item.stage === stage);
    index = first >= 0 ? first : rest.length;
    if (first < 0) {
      const order = rest.findIndex((item) => stageIndex(item.stage) > stageIndex(stage));
      index = order >= 0 ? order : rest.length;
    }
  } else {
    index += 1;
  }
  return { ...cards, items: [...rest.slice(0, index), moved, ...rest.slice(index)] };
}

const STAGE_ORDER: readonly Stage[] = [
  "wishlist",
  "drafting",
  "applied",
  "screening",
  "interview",
  "offer",
  "accepted",
  "rejected",
  "withdrawn",
  "ghosted",
];
const stageIndex = (stage: Stage) => STAGE_ORDER.indexOf(stage);

/**
 * Place a card in a column after another (or at the top), changing its stage if it is another
 * column's; the board shows it there at once and goes back if the server refuses.
 */
export function usePlaceCard() {
  const client = useQueryClient();
  return useMutation({
    // The moves' key: cards being placed show as saving, like cards moved by their select.
    mutationKey: ["applications", "move"],
    // Each placement names its neighbour as the server has it now, so they must reach the server
    // in the order they were made: two quick moves sent at once could land the other way round.
    scope: { id: "board-placement" },
    mutationFn: ({ id, stage, afterId }: Placement) =>
      unwrap(
        api.POST("/api/board/cards/{application_id}/move", {
          params: { path: { application_id: id } },
          body: { stage, after_id: afterId },
        }),
      ),
    onMutate: async (placement) => {
      await client.cancelQueries({ queryKey: BOARD_CARDS });
      const before = client.getQueryData<BoardCards>(BOARD_CARDS);
      if (before) client.setQueryData(BOARD_CARDS, placed(before, placement));
      return { before };
    },
    onError: (_error, _placement, context) => {
      if (context?.before) client.setQueryData(BOARD_CARDS, context.before);
    },
    onSettled: (_data, _error, { id }) => {
      void client.invalidateQueries({ queryKey: keys.events(id) });
      void client.invalidateQueries({ queryKey: keys.application(id) });
      if (client.isMutating({ mutationKey: ["applications", "move"] }) === 1) {
        return client.invalidateQueries({ queryKey: keys.applications });
      }
      return undefined;
    },
  });
}
