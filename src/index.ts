// Entry points only: each Forge function handler named in manifest.yml.
// First: zod's English messages (zod/mini loads no locale).
import './zod-english';
export { panelResolver } from './entry/panel-resolver';
export { settingsResolver } from './entry/settings-resolver';
export { validateTransition } from './entry/validator';
export { reviewsResolver } from './entry/reviews-resolver';
export { issueCreated } from './entry/issue-events';
export { validatorConfigResolver } from './entry/validator-config-resolver';
export { issueUpdated } from './entry/issue-updated';
export { usageWebtrigger } from './entry/usage-webtrigger';
export { issueCommented } from './entry/comment-events';
export { gitlabWebhook, githubWebhook } from './entry/provider-webhooks';
export { scheduledRefresh } from './entry/scheduled-refresh';
export { sendReminders } from './entry/reminders';
export { stageEntered } from './entry/stage-entry';
export { gadgetResolver } from './entry/gadget-resolver';
