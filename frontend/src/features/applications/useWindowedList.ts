// Render only the part of a long list that is on screen (and a margin around it): a board
// column of 2,000 cards mounts a few dozen. Heights are measured as items render; until then
// an estimate stands in, and spacers keep the scroll height about right.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";

type Options = {
  /** Below this many items every one renders: nothing to save, and nothing to go wrong. */
  threshold: number;
  estimate: number;
  gap: number;
  /** How far beyond the visible part to render, in pixels, each way. */
  overscan: number;
};

export type Windowed<T> = {
  visible: T[];
  before: number;
  after: number;
  scroller: (element: HTMLElement | null) => void;
  measure: (element: HTMLElement | null) => (() => void) | undefined;
};

export function useWindowedList<T>(
  items: readonly T[],
  keyOf: (item: T) => number,
  { threshold, estimate, gap, overscan }: Options,
): Windowed<T> {
  const windowed = items.length > threshold;
  const [scrollerElement, setScrollerElement] = useState<HTMLElement | null>(null);
  const [view, setView] = useState({ top: 0, height: 900 });
  const heights = useRef(new Map<number, number>());
  const [, setMeasured] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);

  useLayoutEffect(() => {
    if (!windowed || !scrollerElement) return undefined;
    const update = () =>
      setView((current) =>
        current.top === scrollerElement.scrollTop && current.height === scrollerElement.clientHeight
          ? current
          : { top: scrollerElement.scrollTop, height: scrollerElement.clientHeight },
      );
    update();
    scrollerElement.addEventListener("scroll", update, { passive: true });
    const resized = new ResizeObserver(update);
    resized.observe(scrollerElement);
    return () => {
      scrollerElement.removeEventListener("scroll", update);
      resized.disconnect();
    };
  }, [windowed, scrollerElement]);

  // Made on first use: ref callbacks run before effects, so an effect would be too late.
  const sizes = useCallback((): ResizeObserver => {
    observer.current ??= new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const element = entry.target as HTMLElement;
        const key = Number(element.dataset.windowKey);
        const height = element.offsetHeight;
        if (height > 0 && heights.current.get(key) !== height) {
          heights.current.set(key, height);
          changed = true;
        }
      }
      if (changed) setMeasured((count) => count + 1);
    });
    return observer.current;
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);

  const measure = useCallback(
    (element: HTMLElement | null) => {
      if (!element || !windowed) return undefined;
      const watching = sizes();
      watching.observe(element);
      return () => watching.unobserve(element);
    },
    [sizes, windowed],
  );

  if (!windowed) return { visible: [...items], before: 0, after: 0, scroller: setScrollerElement, measure };

  const from = view.top - overscan;
  const to = view.top + view.height + overscan;
  const visible: T[] = [];
  let offset = 0;
  let before = 0;
  let after = 0;
  let skippedBefore = 0;
  let skippedAfter = 0;
  for (const item of items) {
    const height = heights.current.get(keyOf(item)) ?? estimate;
    if (offset + height < from) {
      before += height;
      skippedBefore += 1;
    } else if (offset > to) {
      after += height;
      skippedAfter += 1;
    } else {
      visible.push(item);
    }
    offset += height + gap;
  }
  // The list's own gap separates a spacer from its neighbour; the skipped items' gaps go inside.
  before += Math.max(0, skippedBefore - 1) * gap;
  after += Math.max(0, skippedAfter - 1) * gap;
  return { visible, before, after, scroller: setScrollerElement, measure };
}
