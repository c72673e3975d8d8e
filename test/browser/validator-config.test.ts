import { screenshotOf, useSiteAndBrowser } from './support/browser';

// The workflow validator's configuration UI (create and edit) in chromium, on the local site's workflow page. Like
// Forge, the site gives it no project (a company-managed workflow may be shared): it lists the configured projects.
const env = useSiteAndBrowser();

/** The workflow page as a project admin, with the dialog adding the validator to Start Review open and ready to save. */
async function addValidatorToStartReview() {
  const page = await env.browser.openAs('acc-admin', '/projects/SKU/workflow');
  await page.locator('button[data-dialog-title="Add Go-Live Gate to Start Review"]').click();
  const config = page.frameLocator('#validator-dialog iframe');
  const stage = config.getByLabel('Stage this transition enforces');
  await stage.waitFor();
  await page.locator('#validator-dialog iframe[data-configurable="true"]').waitFor();
  return { page, dialog: page.locator('#validator-dialog'), config, stage };
}

test('the validator configuration refuses to save without a stage, then saves the chosen stage', async () => {
  const { page, dialog, config, stage } = await addValidatorToStartReview();

  await dialog.getByRole('button', { name: 'Save' }).click();
  await config.getByRole('alert').filter({ hasText: 'Choose the stage this transition enforces.' }).waitFor();
  expect(await dialog.evaluate((element) => (element as HTMLDialogElement).open)).toBe(true);

  await stage.selectOption('promote-to-prod');
  await Promise.all([page.waitForEvent('load'), dialog.getByRole('button', { name: 'Save' }).click()]);

  const startReview = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Start Review' }) });
  expect(await startReview.locator('code').allTextContents()).toEqual(['{"stage":"promote-to-prod"}']);
});

test('editing an existing validator starts from its saved stage', async () => {
  const page = await env.browser.openAs('acc-admin', '/projects/SKU/workflow');
  await page.locator('button[data-dialog-title="Edit Go-Live Gate on Go Live"]').click();
  const stage = page.frameLocator('#validator-dialog iframe').getByLabel('Stage this transition enforces');
  await stage.waitFor();

  expect(await stage.inputValue()).toBe('go-live');
  await screenshotOf(page.locator('#validator-dialog'), 'validator-config');
});

test('offers each project\'s strictest stage, says what that does, and saves it as a configuration without a stage', async () => {
  const { page, dialog, config, stage } = await addValidatorToStartReview();
  await config.getByText('the stages are those of SKU Go-Live (SKU), where the gate is configured').waitFor();

  await stage.selectOption({ label: 'Each project’s strictest stage' });
  await config.getByRole('status', { name: 'What this does' }).getByText('Enforces each project’s strictest stage: SKU: Go live.').waitFor();
  await Promise.all([page.waitForEvent('load'), dialog.getByRole('button', { name: 'Save' }).click()]);

  const startReview = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Start Review' }) });
  expect(await startReview.locator('code').allTextContents()).toContain('{}');
});
