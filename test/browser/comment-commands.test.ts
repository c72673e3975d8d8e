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
  const link = row.getByRole('link', { name: 'in a comment' });
  await link.waitFor();
  expect(await link.getAttribute('href')).toBe(`/browse/SKU-2?focusedCommentId=${created.id}`);
  await screenshot(page, 'panel-approved-in-comment');

  await link.click();
  await page.waitForURL(`**/browse/SKU-2?focusedCommentId=${created.id}`);
});
