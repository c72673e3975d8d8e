import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, screenshot, useSiteAndBrowser } from './support/browser';

// The local site as a user meets it: signing in, the header, creating a ticket, commenting, dates.
const env = useSiteAndBrowser();

test('Create in the header makes a ticket and opens it; a missing summary is refused in the dialog', async () => {
  const page = await env.browser.openAs('acc-pm', '/');
  await page.getByRole('button', { name: 'Create' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create issue' });
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.getByText('You must specify a summary of the issue.').waitFor();

  await dialog.getByLabel('Project').selectOption('SKU');
  await dialog.getByLabel('Summary').fill('Add-on E go-live');
  await dialog.getByLabel('Description').fill('Ships the E add-on.\nCapacity to be agreed.');
  await Promise.all([page.waitForURL(/\/browse\/SKU-\d+$/), dialog.getByRole('button', { name: 'Create' }).click()]);
  await page.getByRole('heading', { level: 1, name: 'Add-on E go-live' }).waitFor();
  await page.getByText('Capacity to be agreed.').waitFor();
  await page.getByRole('term').filter({ hasText: 'Reporter' }).waitFor();
  expect(await page.locator('dd').filter({ hasText: 'Pat PM' }).count()).toBe(1);
  await page.close();
});

test('the comment box adds a comment as the signed-in user, shown with their name and when; an empty one is refused', async () => {
  const page = await env.browser.openAs('acc-cee', '/browse/SKU-2');
  const box = page.getByLabel('Add a comment as Cora CEE');
  await page.getByRole('button', { name: 'Save comment' }).click();
  await page.getByText('Write a comment first.').waitFor();
  await box.fill('Reviewed the runbook.\nLooks good to me.');
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Save comment' }).click()]);
  const comment = page.locator('.comment').first();
  await comment.getByText('Looks good to me.').waitFor();
  expect(await comment.locator('.comment-meta').textContent()).toMatch(/Cora CEE · .*(just now|seconds? ago)/);
  expect(await page.getByRole('heading', { name: /Comments/ }).textContent()).toContain('(1)');
  await screenshot(page, 'issue-comments');
  await page.close();
});

test('dates read as dates with their age, not raw ISO strings', async () => {
  const page = await env.browser.openAs('acc-pm', '/browse/SKU-3');
  const created = page.locator('dt:has-text("Created") + dd time');
  expect(await created.textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC · 16 days ago$/);
  expect(await created.getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  await page.close();
});

test('at 800 px the header keeps every control on screen without scrolling sideways', async () => {
  const page = await env.browser.openAs('acc-sre-p', '/browse/SKU-2');
  await page.setViewportSize({ width: 800, height: 700 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
  for (const control of [page.getByRole('link', { name: 'Local Jira' }), page.getByRole('button', { name: 'Create' }), page.getByLabel('Signed in as'), page.getByRole('button', { name: 'Sign out' })]) {
    const box = await control.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 800).toBe(true);
  }
  await screenshot(page, 'header-800px');
  await page.close();
});

test('a browser is challenged for HTTP Basic credentials: with them it signs in, without them it shows the chooser', async () => {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    // Without credentials a page is challenged (headless chromium cancels the prompt, so read it as a request)...
    const anonymous = await browser.newContext();
    const refused = await anonymous.request.get(`${env.site.url}/browse/SKU-2`);
    expect(refused.status()).toBe(401);
    expect(refused.headers()['www-authenticate']).toBe('Basic realm="Local Jira", charset="UTF-8"');
    expect(await refused.text()).toContain('Continue as Cora CEE');
    // ...and the chooser at /login signs in without a password, back to the page asked for.
    const page = await anonymous.newPage();
    await page.goto(`${env.site.url}/login?next=%2Fbrowse%2FSKU-2`);
    await screenshot(page, 'login');
    await page.getByRole('button', { name: 'Continue as Cora CEE' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add-on B go-live' }).waitFor();
    await anonymous.close();

    const withCredentials = await browser.newContext({ httpCredentials: { username: 'sre-p@example.com', password: 'demo' } });
    const signedIn = await withCredentials.newPage();
    const answer = await signedIn.goto(`${env.site.url}/browse/SKU-2`);
    expect(answer?.status()).toBe(200);
    expect(await signedIn.getByLabel('Signed in as').inputValue()).toBe('acc-sre-p');
    // The app's frame acts as the same user (the Basic login also set the session).
    await signedIn.frameLocator('iframe[title="Go-Live Gate"]').locator('main, [role="main"], body').first().waitFor();
    expect((await withCredentials.cookies()).find((cookie) => cookie.name === 'site-user')?.value).toBe('acc-sre-p');
    await withCredentials.close();
  } finally {
    await browser.close();
  }
});
