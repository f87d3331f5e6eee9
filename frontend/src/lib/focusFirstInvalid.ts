// After a refused submit, take the person to the first field that says what is wrong.
import { useEffect, type RefObject } from "react";

/** Focus the first input marked invalid in this form, once React has drawn the messages. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  window.requestAnimationFrame(() => {
    const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.focus();
  });
}

/**
 * Focus the first invalid field each time the server refuses the form. An effect runs once the
 * refusal is on screen; a mutation's own onError runs before that render and can lose the race.
 */
export function useFocusOnRefusal(error: unknown, form: RefObject<HTMLFormElement | null>): void {
  useEffect(() => {
    if (error) focusFirstInvalid(form.current);
  }, [error, form]);
}
