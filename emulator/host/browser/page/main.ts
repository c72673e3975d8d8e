// The behaviour of the local site's Jira-like pages, bundled into /__host/page.js by the site's build.
import { startCreateDialog } from './create';
import { startFrames } from './frames';
import { startIssueContexts } from './issue-context';
import { startIssuePage } from './issue';
import { startWorkflowPage } from './workflow';

startFrames();
startCreateDialog();
startIssuePage();
startIssueContexts();
startWorkflowPage();
