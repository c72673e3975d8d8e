import { html } from '../html';
import type { HostUser } from '../host-site';
import type { Page } from './page';

/** The realm of the site's HTTP Basic challenge. */
const BASIC_REALM = 'Local Jira';

/**
 * Who are you: the demo users to choose from (sets the session cookie), and the HTTP Basic login (email and API
 * token `demo`). `challenge` adds `WWW-Authenticate: Basic`, so a browser asks for the email and token itself (and
 * shows this chooser when the user cancels).
 */
export function loginPage(users: readonly HostUser[], next: string, challenge: boolean): Page {
  return {
    status: challenge ? 401 : 200,
    title: 'Sign in',
    ...(challenge ? { headers: { 'www-authenticate': `Basic realm="${BASIC_REALM}", charset="UTF-8"` } } : {}),
    body: html`<section class="login">
  <h1>Sign in to the local Jira site</h1>
  <p>Every demo user's API token is <code>demo</code>. Sign in with your email and that token, or choose a user.</p>
  <p><a class="button-link primary" href="/login/basic?next=${encodeURIComponent(next)}">Sign in with email and API token</a></p>
  <h2>Choose a demo user</h2>
  <ul>${users.map(
    (u) => html`<li><form method="post" action="/__host/session">
      <span>${u.displayName} <span class="who">${u.emailAddress}</span></span>
      <input type="hidden" name="accountId" value="${u.accountId}">
      <input type="hidden" name="next" value="${next}">
      <button type="submit">Continue as ${u.displayName}</button>
    </form></li>`,
  )}</ul>
</section>`,
  };
}
