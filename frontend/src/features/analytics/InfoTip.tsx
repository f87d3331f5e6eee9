// What a figure counts, shown on hover and on keyboard focus, read out as the button's description.
import { useId, useState } from "react";

export function InfoTip({ subject, definition }: { subject: string; definition: string }) {
  const tipId = useId();
  // Escape hides it while focus stays put (WCAG 1.4.13: dismissable without moving).
  const [dismissed, setDismissed] = useState(false);
  return (
    <span
      className={`info${dismissed ? " is-dismissed" : ""}`}
      onMouseLeave={() => setDismissed(false)}
    >
      <button
        type="button"
        className="info-button"
        aria-label={`What “${subject}” means`}
        aria-describedby={tipId}
        onKeyDown={(event) => {
          if (event.key === "Escape") setDismissed(true);
        }}
        onBlur={() => setDismissed(false)}
      >
        <span aria-hidden="true">?</span>
      </button>
      <span role="tooltip" id={tipId} className="info-tip">
        {definition}
      </span>
    </span>
  );
}
