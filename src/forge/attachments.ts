import { randomUUID } from 'node:crypto';
import { route } from '@forge/api';
import { z } from 'zod/mini';
import { UnavailableError } from '../errors';
import type { AttachedFile, IssueAttachments } from '../ports';
import type { JiraClient } from './jira-client';
import { lazySchema } from '../gate/lazy-schema';

/** Jira answers an upload with the attachments it made. */
const UploadAnswerSchema = lazySchema(() => z.array(z.object({ id: z.union([z.string(), z.number()]), filename: z.string() })).check(z.minLength(1)));

/**
 * Issue attachments through Jira's REST API: a multipart upload with `X-Atlassian-Token: no-check` (Jira's XSRF check
 * refuses it otherwise), made as the caller so Jira's attachment permission applies and the file names its author.
 */
export class JiraIssueAttachments implements IssueAttachments {
  constructor(private readonly jira: JiraClient) {}

  async attach(issueId: string, fileName: string, content: string, mimeType: string): Promise<AttachedFile> {
    // @forge/api takes a string body: the multipart body is written out (the content is text, sent as UTF-8).
    const boundary = `go-live-gate-${randomUUID()}`;
    const quotedName = fileName.replace(/["\\\r\n]/g, '_');
    const form = [`--${boundary}`, `Content-Disposition: form-data; name="file"; filename="${quotedName}"`, `Content-Type: ${mimeType}; charset=utf-8`, '', content, `--${boundary}--`, ''].join('\r\n');
    const headers = { 'X-Atlassian-Token': 'no-check', Accept: 'application/json', 'Content-Type': `multipart/form-data; boundary=${boundary}` };
    const body = await this.jira.json((jira, signal) => jira.requestJira(route`/rest/api/3/issue/${issueId}/attachments`, { method: 'POST', signal, headers, body: form }));
    const parsed = UploadAnswerSchema.safeParse(body);
    if (!parsed.success) throw new UnavailableError('Jira answered the upload with something the app could not read; try again in a minute.');
    const [first] = parsed.data;
    return { id: String(first?.id), fileName: first?.filename ?? fileName };
  }
}
