import { DEMO } from '../support/site-client';
import { appFrame, screenshot, useSiteAndBrowser } from './support/browser';

// A /lgtm typed in a comment, seen in the panel: the verdict changes and the team's decision links to the comment it came from.
const env = useSiteAndBrowser();

test('an approval given in a comment shows in the panel with a link to that comment', async () => {
  const body = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: '/lgtm' }] }] };
  const created = (await env.client.restOk(DEMO.approverOf('mt-sre'), 'POST', '/rest/api/3/issue/SKU-2/comment', { body }, 201)) as { id: string };
  await env.site.drainEvents();

  const page = await env.browser.openAs('acc-pm', '/browse/SKU-2');
  const panel = appFrame(page);
  await panel.getByRole('region', { name: 'Verdict' }).getByRole('heading', { name: 'Promote to prod blocked: waiting on Dev team' }).waitFor();
  const row = panel.locator('tr[data-team="mt-sre"]');
  // The frame comes from another site: the link names the Jira site's page of the comment, not one on the frame's origin.
  const link = row.getByRole('link', { name: 'in a comment' }).and(row.locator(`a[href="${env.site.url}/browse/SKU-2?focusedCommentId=${created.id}"]`));
  await link.waitFor();
  await screenshot(page, 'panel-approved-in-comment');

  await link.click();
  await page.waitForURL(`**/browse/SKU-2?focusedCommentId=${created.id}`);
});

test('a project admin sees the webhook addresses, saves a GitLab connection and checks the user mapping', async () => {
  const page = await env.browser.openAs('acc-admin', '/projects/SKU/settings');
  const settings = appFrame(page);
  const gitlab = settings.getByRole('group', { name: 'GitLab connection' });
  await gitlab.waitFor();
  expect(await gitlab.getByLabel('Webhook address').inputValue()).toMatch(/\/x1\/[A-Za-z0-9_-]+\?project=\d+$/);
  await gitlab.getByLabel('API token').fill('glpat-a-token-for-the-test');
  await gitlab.getByLabel('Webhook secret').fill('a-long-random-webhook-secret');
  await gitlab.getByRole('button', { name: 'Save GitLab connection' }).click();
  await gitlab.getByRole('status').filter({ hasText: 'GitLab connection saved.' }).waitFor();
  expect(await gitlab.getByLabel('API token (leave empty to keep the stored one)').inputValue()).toBe('');

  const mapping = settings.locator('section[aria-labelledby="user-mapping-heading"]');
  await mapping.getByRole('button', { name: 'Add a user' }).click();
  await mapping.getByLabel('Login').fill('sam-sre');
  await mapping.getByLabel('Jira account id').fill('acc-sre-p');
  await mapping.getByRole('button', { name: 'Add a user' }).click();
  await mapping.getByLabel('Login').nth(1).fill('mallory');
  await mapping.getByLabel('Jira account id').nth(1).fill('acc-nobody');
  await mapping.getByRole('button', { name: 'Check' }).click();
  await mapping.getByText(/^Jira: /).waitFor();
  await mapping.getByText('Jira has no account acc-nobody').waitFor();
  await screenshot(page, 'settings-gitlab-and-github');
});
