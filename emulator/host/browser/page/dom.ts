// Small DOM helpers of the site's pages (no framework, no inline handlers: the pages' CSP allows none).

/** The element with `id`, or undefined when the page has none (each page has only some of the widgets). */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T | undefined {
  const element = document.getElementById(id);
  return element instanceof type ? element : undefined;
}

/** Shows `text` in an alert element (hidden when empty). */
export function showError(element: HTMLElement | null | undefined, text: string): void {
  if (!element) return;
  element.textContent = text;
  element.hidden = text === '';
}

/** Jira's error body (`errorMessages` and `errors`) or the host's `{error}` as one sentence. */
export async function errorText(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { errorMessages?: string[]; errors?: Record<string, string>; error?: string };
    const messages = [...(body.errorMessages ?? []), ...Object.values(body.errors ?? {})];
    if (body.error) messages.push(body.error);
    return messages.join(' ') || `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/** Jira's field errors (`errors`), by field name; the general messages under ''. */
export async function fieldErrors(response: Response): Promise<Record<string, string>> {
  try {
    const body = (await response.json()) as { errorMessages?: string[]; errors?: Record<string, string> };
    return { ...(body.errors ?? {}), ...(body.errorMessages?.length ? { '': body.errorMessages.join(' ') } : {}) };
  } catch {
    return { '': `HTTP ${response.status}` };
  }
}

/** A JSON request to the site's REST as the signed-in user (the session cookie), with Jira's XSRF header. */
export function restCall(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-atlassian-token': 'no-check' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
