// The issue page: workflow transitions and the comment box.
import { textToAdf } from '../../../site/plain-text-adf';
import { byId, errorText, restCall, showError } from './dom';

function startTransitions(): void {
  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-issue-key][data-transition-id]'))) {
    button.addEventListener('click', () => {
      void (async () => {
        const error = document.getElementById('transition-error');
        showError(error, '');
        button.disabled = true;
        try {
          const response = await restCall('POST', `/rest/api/3/issue/${encodeURIComponent(button.dataset['issueKey'] ?? '')}/transitions`, { transition: { id: button.dataset['transitionId'] } });
          if (response.status === 204) {
            window.location.reload();
            return;
          }
          showError(error, `${button.dataset['transitionName'] ?? 'The transition'} was refused: ${await errorText(response)}`);
          error?.focus();
        } catch (failure) {
          showError(error, `The site did not answer: ${failure instanceof Error ? failure.message : String(failure)}`);
        } finally {
          button.disabled = false;
        }
      })();
    });
  }
}

/** Posts the comment box as the signed-in user (plain text, one paragraph per line), then shows the issue again. */
function startCommentBox(): void {
  const form = byId('comment-form', HTMLFormElement);
  if (!form) return;
  const text = form.querySelector('textarea');
  const error = document.getElementById('comment-error');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!text) return;
    if (text.value.trim() === '') {
      showError(error, 'Write a comment first.');
      text.focus();
      return;
    }
    const submit = form.querySelector('button[type="submit"]');
    if (submit instanceof HTMLButtonElement) submit.disabled = true;
    void (async () => {
      try {
        const response = await restCall('POST', `/rest/api/3/issue/${encodeURIComponent(form.dataset['issueKey'] ?? '')}/comment`, { body: textToAdf(text.value) });
        if (response.status === 201) {
          const { id } = (await response.json()) as { id: string };
          window.location.assign(`${window.location.pathname}#comment-${id}`);
          window.location.reload();
          return;
        }
        showError(error, `The comment was not added: ${await errorText(response)}`);
        text.focus();
      } finally {
        if (submit instanceof HTMLButtonElement) submit.disabled = false;
      }
    })();
  });
}

/**
 * Refreshes the issue page in place after an app changed the issue (`view.refresh()`): a refusal shown before is about
 * the issue as it was, so it goes. Answers false on any other page.
 */
export function refreshIssueView(): boolean {
  const error = document.getElementById('transition-error');
  if (!error) return false;
  showError(error, '');
  return true;
}

export function startIssuePage(): void {
  startTransitions();
  startCommentBox();
}
