// Waiting indicators: a spinner for buttons, a line of text for whole sections.
export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}

export function Loading({ children = "Loading…" }: { children?: string }) {
  return (
    <p className="loading" role="status">
      <Spinner /> {children}
    </p>
  );
}
