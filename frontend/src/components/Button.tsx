// A button that shows when it is waiting: disabled, aria-busy and a spinner, same name.
import type { ButtonHTMLAttributes } from "react";

import { Spinner } from "./Loading";

type Props = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: "primary" | "secondary" | "danger" | "ghost";
  size?: "normal" | "small";
  busy?: boolean;
};

export function Button({
  variant = "secondary",
  size = "normal",
  busy = false,
  disabled,
  className,
  children,
  type = "button",
  ...button
}: Props) {
  const classes = ["button", `button-${variant}`, size === "small" && "button-small", className];
  return (
    <button
      type={type}
      className={classes.filter(Boolean).join(" ")}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...button}
    >
      {busy && <Spinner />}
      {children}
    </button>
  );
}
