// Labelled form controls that show their own error: every input in the UI goes through these.
import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

/** How many characters a text holds and takes; shown once it nears the limit. */
export type Counter = { count: number; limit: number };
// Shown from 90% of the limit: early enough to plan, late enough not to nag.
const COUNTER_FROM = 0.9;

type Common = {
  label: string;
  /** The server's message for this field (`fieldError(error, "company")`), shown under it. */
  error?: string | undefined;
  hint?: ReactNode;
  className?: string;
};

function useFieldIds(error: string | undefined, hint: ReactNode, counter?: Counter) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const shownCounter = counter && counter.count >= counter.limit * COUNTER_FROM ? counter : undefined;
  const counterId = shownCounter ? `${id}-counter` : undefined;
  const describedBy = [hintId, counterId, errorId].filter(Boolean).join(" ") || undefined;
  return { id, hintId, errorId, counterId, shownCounter, describedBy };
}

function CounterLine({ id, counter }: { id: string; counter: Counter }) {
  const { count, limit } = counter;
  const state = count > limit ? " field-counter-over" : count === limit ? " field-counter-full" : "";
  return (
    <p id={id} className={`field-counter${state}`}>
      {count.toLocaleString()} / {limit.toLocaleString()}
      {count === limit && " · that's the limit"}
    </p>
  );
}

function FieldFrame(props: {
  id: string;
  label: string;
  hint: ReactNode;
  hintId: string | undefined;
  error: string | undefined;
  errorId: string | undefined;
  className: string | undefined;
  counterId: string | undefined;
  shownCounter: Counter | undefined;
  children: ReactNode;
}) {
  return (
    <div className={["field", props.className].filter(Boolean).join(" ")}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.counterId && props.shownCounter && (
        <CounterLine id={props.counterId} counter={props.shownCounter} />
      )}
      {props.hint && (
        <p id={props.hintId} className="field-hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={props.errorId} className="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}

export function TextField({
  label,
  error,
  hint,
  className,
  counter,
  ...input
}: Common & { counter?: Counter } & Omit<InputHTMLAttributes<HTMLInputElement>, "className">) {
  const ids = useFieldIds(error, hint, counter);
  return (
    <FieldFrame {...ids} label={label} hint={hint} error={error} className={className}>
      <input
        id={ids.id}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...input}
      />
    </FieldFrame>
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  className,
  counter,
  ...textarea
}: Common & { counter?: Counter } & Omit<
    TextareaHTMLAttributes<HTMLTextAreaElement>,
    "className"
  >) {
  const ids = useFieldIds(error, hint, counter);
  return (
    <FieldFrame {...ids} label={label} hint={hint} error={error} className={className}>
      <textarea
        id={ids.id}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...textarea}
      />
    </FieldFrame>
  );
}

export type Option = { value: string; label: string };

export function SelectField({
  label,
  error,
  hint,
  className,
  options,
  ...select
}: Common & { options: readonly Option[] } & Omit<
    SelectHTMLAttributes<HTMLSelectElement>,
    "className"
  >) {
  const ids = useFieldIds(error, hint);
  return (
    <FieldFrame {...ids} label={label} hint={hint} error={error} className={className}>
      <select
        id={ids.id}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField({
  label,
  error,
  hint,
  className,
  ...input
}: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "className" | "type">) {
  const ids = useFieldIds(error, hint);
  return (
    <div className={["field field-checkbox", className].filter(Boolean).join(" ")}>
      <input
        id={ids.id}
        type="checkbox"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...input}
      />
      <label htmlFor={ids.id}>{label}</label>
      {hint && (
        <p id={ids.hintId} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={ids.errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
