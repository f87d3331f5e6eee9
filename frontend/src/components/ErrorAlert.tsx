// An error shown where it happened, with the server's own message.
import type { ReactNode } from "react";

import { messageOf } from "../api/client";

export function ErrorAlert({
  error,
  title,
  action,
}: {
  error: unknown;
  title?: string;
  action?: ReactNode;
}) {
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      {title && <strong>{title} </strong>}
      <span>{messageOf(error)}</span>
      {action && <div className="alert-action">{action}</div>}
    </div>
  );
}
