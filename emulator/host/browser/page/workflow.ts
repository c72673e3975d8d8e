// The Workflow page: add, edit or remove a transition's validator through the app's own configuration screen.
import { byId, errorText, showError } from './dom';
import { requestConfiguration } from './frames';

interface ValidatorChange {
  projectKey: string | undefined;
  transitionId: string | undefined;
  moduleKey?: string | undefined;
  index?: number | undefined;
  configuration: string | null;
}

function saveValidator(change: ValidatorChange): Promise<Response> {
  return fetch('/__host/workflow/validators', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(change) });
}

export function startWorkflowPage(): void {
  const dialog = byId('validator-dialog', HTMLDialogElement);
  let current: DOMStringMap | undefined;

  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-configure-src]'))) {
    button.addEventListener('click', () => {
      const frame = dialog?.querySelector('iframe');
      if (!dialog || !frame) return;
      current = button.dataset;
      const heading = dialog.querySelector('h2');
      if (heading) heading.textContent = button.dataset['dialogTitle'] ?? 'Configure validator';
      showError(dialog.querySelector<HTMLElement>('.dialog-error'), '');
      delete frame.dataset['configurable'];
      frame.src = button.dataset['configureSrc'] ?? 'about:blank';
      dialog.showModal();
    });
  }

  if (dialog) {
    dialog.querySelector('button[data-dialog-cancel]')?.addEventListener('click', () => dialog.close());
    dialog.querySelector('button[data-dialog-save]')?.addEventListener('click', () => {
      const frame = dialog.querySelector('iframe');
      const error = dialog.querySelector<HTMLElement>('.dialog-error');
      if (!frame || frame.dataset['configurable'] !== 'true') {
        showError(error, 'The configuration page has not registered its save callback yet.');
        return;
      }
      void requestConfiguration(frame).then(async (answer) => {
        if (typeof answer['error'] === 'string') return showError(error, `The app could not produce a configuration: ${answer['error']}`);
        if (typeof answer['configuration'] !== 'string') return showError(error, 'The app refused to save this configuration; check the form.');
        const response = await saveValidator({
          projectKey: current?.['projectKey'],
          transitionId: current?.['transitionId'],
          moduleKey: current?.['moduleKey'],
          index: current?.['index'] === undefined ? undefined : Number(current['index']),
          configuration: answer['configuration'],
        });
        if (response.status === 204) window.location.reload();
        else showError(error, await errorText(response));
      });
    });
  }

  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-remove-index]'))) {
    button.addEventListener('click', () => {
      void (async () => {
        const response = await saveValidator({
          projectKey: button.dataset['projectKey'],
          transitionId: button.dataset['transitionId'],
          index: Number(button.dataset['removeIndex']),
          configuration: null,
        });
        if (response.status === 204) window.location.reload();
        else showError(document.getElementById('workflow-error'), await errorText(response));
      })();
    });
  }
}
