/**
 * What the officer has typed and not yet sent survives every re-render (a connection that
 * comes and goes, an answer from the server): values, and which sections of the form are open.
 */

/** A form's identity across re-renders: the count, or one slot's turnout reading. */
export const formKey = (form: HTMLFormElement) =>
  form.dataset.form === 'turnout' ? `turnout:${form.dataset.slot ?? ''}` : (form.dataset.form ?? '');

interface Draft {
  values: [string, string][];
  open: number[];
}

export function captureDrafts(root: HTMLElement, dirty: ReadonlySet<string>): Map<string, Draft> {
  const drafts = new Map<string, Draft>();
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-form]')) {
    const key = formKey(form);
    if (!dirty.has(key)) continue;
    const values = [...form.querySelectorAll<HTMLInputElement>('input[name]')].map(
      (input) => [input.name, input.value] as [string, string],
    );
    const open = [...form.querySelectorAll('details')].flatMap((d, i) => (d.open ? [i] : []));
    drafts.set(key, { values, open });
  }
  return drafts;
}

export function restoreDrafts(root: HTMLElement, drafts: ReadonlyMap<string, Draft>): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-form]')) {
    const draft = drafts.get(formKey(form));
    if (!draft) continue;
    for (const [name, value] of draft.values) {
      const input = form.querySelector<HTMLInputElement>(`input[name="${CSS.escape(name)}"]`);
      if (input) input.value = value;
    }
    const details = [...form.querySelectorAll('details')];
    for (const index of draft.open) {
      const element = details[index];
      if (element) element.open = true;
    }
  }
}

/** The words of a field's label, to name it in a message. */
export function labelOf(form: HTMLFormElement, name: string): string {
  const input = form.querySelector<HTMLInputElement>(`input[name="${CSS.escape(name)}"]`);
  const label = input ? form.querySelector(`label[for="${CSS.escape(input.id)}"]`) : null;
  const legend = input?.closest('fieldset')?.querySelector('legend')?.textContent;
  const text = label?.textContent ?? name;
  return legend && input?.closest('fieldset')?.querySelectorAll('input').length !== 1
    ? `${legend}: ${text}`
    : text;
}

/** The required fields still empty. */
export const emptyRequired = (form: HTMLFormElement) =>
  [...form.querySelectorAll<HTMLInputElement>('input[required]')].filter(
    (input) => input.value.trim() === '',
  );
