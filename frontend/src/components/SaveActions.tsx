// A form's row of actions: its submit button, any other buttons, and what is announced once
// the save went through ("Saved.", or the form's own words).
import type { ReactNode } from "react";

import { Button } from "./Button";

export function SaveActions({
  label,
  busy,
  saved,
  primary = true,
  children,
}: {
  label: string;
  busy: boolean;
  /** Said once saved (role=status); false or null while there is nothing to say. */
  saved: ReactNode;
  primary?: boolean;
  children?: ReactNode;
}) {
  return (
    <div className="form-actions">
      <Button type="submit" variant={primary ? "primary" : undefined} busy={busy}>
        {label}
      </Button>
      {children}
      {saved && (
        <span className="saved-note" role="status">
          {saved}
        </span>
      )}
    </div>
  );
}
