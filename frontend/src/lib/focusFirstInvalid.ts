// After a refused submit, take the person to the first field that says what is wrong.

/** Focus the first input marked invalid in this form, once React has drawn the messages. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  window.requestAnimationFrame(() => {
    const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.focus();
  });
}
