// The issue's context panels (`jira:issueContext`) as Jira shows them: collapsed under the issue's fields until the
// user opens one, whose frame is created only then (an app the user did not open costs the page nothing), and open
// again on the next issue for a user who left it open. Jira remembers that per user in the browser; so does this.
import { newAppFrame } from './frames';

const OPEN = 'open';

/** Where the choice is kept: per user (the site switches users in one browser) and per app module, for every issue. */
const storageKey = (panel: HTMLDetailsElement): string => `issue-context:${panel.dataset['accountId'] ?? ''}:${panel.dataset['moduleKey'] ?? ''}`;

function wasLeftOpen(panel: HTMLDetailsElement): boolean {
  try {
    return window.localStorage.getItem(storageKey(panel)) === OPEN;
  } catch {
    return false; // storage blocked: collapsed, as for a user who never opened it
  }
}

function remember(panel: HTMLDetailsElement): void {
  try {
    if (panel.open) window.localStorage.setItem(storageKey(panel), OPEN);
    else window.localStorage.removeItem(storageKey(panel));
  } catch {
    // Storage blocked: the choice holds on this page only.
  }
}

/** The app's frame, the first time the panel is open; later closings keep it (and its state) as Jira does. */
function ensureFrame(panel: HTMLDetailsElement): void {
  if (!panel.open || panel.querySelector('iframe') !== null) return;
  panel.appendChild(newAppFrame(panel.dataset['frameTitle'] ?? '', panel.dataset['frameSrc'] ?? ''));
}

export function startIssueContexts(): void {
  for (const panel of Array.from(document.querySelectorAll<HTMLDetailsElement>('details.issue-context[data-frame-src]'))) {
    if (wasLeftOpen(panel)) panel.open = true;
    ensureFrame(panel);
    panel.addEventListener('toggle', () => {
      ensureFrame(panel);
      remember(panel);
    });
  }
}
