// A Custom UI resource that exercises the host through the real @forge/bridge: frame sizing, Forge modals, events.
import { events, Modal, view } from '@forge/bridge';

const root = document.getElementById('root') as HTMLElement;

function button(label: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.addEventListener('click', onClick);
  return element;
}

function line(text: string, id?: string): HTMLParagraphElement {
  const element = document.createElement('p');
  element.textContent = text;
  if (id !== undefined) element.id = id;
  return element;
}

async function start(): Promise<void> {
  const context = (await view.getContext()) as unknown as {
    extension: { type: string; entryPoint?: string; modal?: { message?: string }; gadgetConfiguration?: { projects?: string } };
  };
  root.replaceChildren();
  if (context.extension.type === 'jira:dashboardGadget') {
    const saved = context.extension.gadgetConfiguration?.projects;
    if (context.extension.entryPoint !== 'edit') {
      root.append(line(`Gadget shows: ${saved ?? 'nothing yet'}`, 'gadget-view'));
      return;
    }
    const label = document.createElement('label');
    label.textContent = 'Projects';
    const input = document.createElement('input');
    input.value = saved ?? '';
    label.append(input);
    root.append(label, button('Save gadget', () => void view.submit({ projects: input.value })));
    return;
  }
  const modal = context.extension.modal;
  if (modal !== undefined) {
    root.append(
      line(`Modal says: ${modal.message ?? ''}`, 'modal-message'),
      button('Submit 42', () => void view.submit({ answer: 42 })),
      button('Close', () => void view.close()),
      button('Emit from modal', () => void events.emit('probe', { from: 'modal' })),
    );
    return;
  }
  const outcome = line('', 'outcome');
  const grown = document.createElement('div');
  root.append(
    line('Probe panel', 'probe-title'),
    button('Grow', () => {
      for (let index = 0; index < 300; index++) grown.append(line(`Row ${index + 1}`));
    }),
    button('Shrink', () => grown.replaceChildren()),
    button('Open modal', () => {
      void new Modal({
        context: { message: 'hello from the panel' },
        size: 'small',
        title: 'Probe modal',
        onClose: (payload?: unknown) => {
          outcome.textContent = `Modal closed with: ${JSON.stringify(payload ?? null)}`;
        },
      }).open();
    }),
    outcome,
    grown,
  );
  const subscription = await events.on('probe', (payload: unknown) => {
    root.append(line(`Got event: ${JSON.stringify(payload)}`, 'event'));
  });
  void subscription;
}

void start();
