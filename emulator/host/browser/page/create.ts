// The header's Create button: a dialog that creates an issue through POST /rest/api/3/issue, then opens it.
import { OWNING_SIG_FIELD } from '../../../site/demo';
import { textToAdf } from '../../../site/plain-text-adf';
import { byId, fieldErrors, restCall, showError } from './dom';

export function startCreateDialog(): void {
  const open = byId('create-open', HTMLButtonElement);
  const dialog = byId('create-dialog', HTMLDialogElement);
  const form = byId('create-form', HTMLFormElement);
  if (!open || !dialog || !form) return;
  const fieldError = (name: string): HTMLElement | null => form.querySelector(`[data-error-for="${name}"]`);

  open.addEventListener('click', () => {
    for (const element of Array.from(form.querySelectorAll<HTMLElement>('[data-error-for]'))) showError(element, '');
    dialog.showModal();
    form.querySelector<HTMLInputElement>('input[name="summary"]')?.focus();
  });
  dialog.querySelector('button[data-create-cancel]')?.addEventListener('click', () => dialog.close());

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const text = (name: string): string => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    const description = text('description');
    const labels = text('labels').split(/\s+/).filter((label) => label !== '');
    const owningSig = text(OWNING_SIG_FIELD);
    const fields = {
      project: { key: text('project') },
      summary: text('summary'),
      issuetype: { name: 'Task' },
      ...(description.trim() === '' ? {} : { description: textToAdf(description) }),
      ...(labels.length === 0 ? {} : { labels }),
      ...(owningSig === '' ? {} : { [OWNING_SIG_FIELD]: { value: owningSig } }),
    };
    const submit = form.querySelector('button[type="submit"]');
    if (submit instanceof HTMLButtonElement) submit.disabled = true;
    void (async () => {
      try {
        const response = await restCall('POST', '/rest/api/3/issue', { fields });
        if (response.status === 201) {
          const { key } = (await response.json()) as { key: string };
          window.location.assign(`/browse/${encodeURIComponent(key)}`);
          return;
        }
        const errors = await fieldErrors(response);
        for (const name of ['project', 'summary', 'description', 'labels', OWNING_SIG_FIELD, '']) showError(fieldError(name), errors[name] ?? '');
        form.querySelector<HTMLElement>('[aria-invalid="true"], input[name="summary"]')?.focus();
      } finally {
        if (submit instanceof HTMLButtonElement) submit.disabled = false;
      }
    })();
  });
}
