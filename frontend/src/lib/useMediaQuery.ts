// Whether a CSS media query matches now, re-rendering when it starts or stops matching.
import { useCallback, useSyncExternalStore } from "react";

/** The width at and below which pages take their phone layout (the same as styles.css). */
export const PHONE_QUERY = "(max-width: 640px)";

export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}
