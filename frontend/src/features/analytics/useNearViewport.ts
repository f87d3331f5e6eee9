// Whether an element has come near the screen, for drawing what sits below the fold on demand.
import { startTransition, useEffect, useState, type RefObject } from "react";

/**
 * True once `ref`'s element is within `margin` of the viewport, and from then on (a chart
 * drawn stays drawn). Without IntersectionObserver, true at once. What it then draws renders
 * as a transition, so scrolling and typing are answered between its parts.
 */
export function useNearViewport(ref: RefObject<Element | null>, margin = "100px"): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver === "undefined");
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) startTransition(() => setNear(true));
      },
      { rootMargin: `${margin} 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, margin, near]);
  return near;
}
