import { DEMO } from '../support/site-client';
import { appFrame, screenshot, useSiteAndBrowser } from './support/browser';

// A /lgtm typed in a comment, seen in the panel: the stage card changes and links to the comment it came from.
const env = useSiteAndBrowser();

test('an approval given in a comment shows on the stage card with a link to that comment', async () => {
  const body = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: '/lgtm' }] }] };
  const created = (await env.client.restOk(DEMO.approverOf('mt-sre'), 'POST', '/rest/api/3/issue/SKU-2/comment', { body }, 201)) as { id: string };
  await env.site.drainEvents();

  const page = await env.browser.openAs('acc-pm', '/browse/SKU-2');
  const panel = appFrame(page);
  const promote = panel.locator('[data-stage="promote-to-prod"]');
  await promote.getByRole('heading', { name: 'Promote to prod blocked: waiting on Dev team' }).waitFor();
  const row = promote.locator('li.team-state').filter({ hasText: 'Managed Tenants SRE' });
  const link = row.getByRole('link', { name: 'in a comment' });
  await link.waitFor();
  expect(await link.getAttribute('href')).toBe(`/browse/SKU-2?focusedCommentId=${created.id}`);
  await screenshot(page, 'panel-approved-in-comment');

  await link.click();
  await page.waitForURL(`**/browse/SKU-2?focusedCommentId=${created.id}`);
});
