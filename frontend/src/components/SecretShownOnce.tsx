// A secret (an access token, a webhook's signing key) shown the one time it exists: what it is
// for, its value, a copy button and Done. Once dismissed it cannot be shown again.
import type { ReactNode } from "react";

import { useCopy } from "../lib/useCopy";
import { Button } from "./Button";
import "./secret-once.css";

export function SecretShownOnce({
  secret,
  noun,
  testId,
  onDone,
  children,
}: {
  secret: string;
  /** What the secret is called on its copy button: "token", "secret". */
  noun: string;
  testId: string;
  onDone: () => void;
  /** Why to copy it now and how it is used. */
  children: ReactNode;
}) {
  const { copied, copy } = useCopy(`the ${noun}`);
  return (
    <div className="secret-once">
      {children}
      <code className="secret-once-value" data-testid={testId}>
        {secret}
      </code>
      <div className="form-actions">
        <Button onClick={() => copy(secret)}>Copy {noun}</Button>
        <Button variant="primary" onClick={onDone}>
          Done
        </Button>
        {copied && (
          <span className="saved-note" role="status">
            {copied}
          </span>
        )}
      </div>
    </div>
  );
}
