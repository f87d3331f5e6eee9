// The browser tab names the page, so history and screen readers can tell pages apart.
import { useEffect } from "react";

export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Job Tracker` : "Job Tracker";
  }, [title]);
}
