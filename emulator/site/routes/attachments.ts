import type { IncomingMessage } from 'node:http';
import { extname } from 'node:path';
import type { AttachmentRow } from '../attachment-store';
import type { Handler, SiteContext, SiteRequest } from '../context';
import { canAdminister, visibleIssue } from '../context';
import { badRequest, forbidden, JiraError, json, noContent, notFound } from '../http';
import { APP_ACCOUNT, renderAccount, renderAttachment } from '../render';

/** The local site's attachment size limit (Jira Cloud's is set by the site admin; it answers 413 beyond it). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Files in one upload request. */
const MAX_FILES_PER_REQUEST = 20;
const MAX_FILENAME_LENGTH = 255;

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.md': 'text/markdown',
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.csv': 'text/csv',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.html': 'text/html',
  '.zip': 'application/zip',
};

/** The raw request body; 413 as soon as it passes `limit` bytes. */
async function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new JiraError(413, [`The attachments are larger than the site's limit of ${limit / 1024 / 1024} MB.`]);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** The uploaded files of a multipart/form-data body (every part named `file`); 400 saying what is wrong. */
async function uploadedFiles(req: IncomingMessage): Promise<File[]> {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data;.*boundary=/i.test(contentType)) throw badRequest("Send the files as multipart/form-data, each in a part named 'file'.");
  const body = await readBytes(req, MAX_ATTACHMENT_BYTES + 64 * 1024);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw badRequest('The multipart/form-data body could not be read.');
  }
  const files = form.getAll('file').filter((part): part is File => typeof part !== 'string');
  if (files.length === 0) throw badRequest("No file was attached: send each file in a part named 'file'.");
  if (files.length > MAX_FILES_PER_REQUEST) throw badRequest(`At most ${MAX_FILES_PER_REQUEST} files can be attached at once.`);
  for (const file of files) {
    if (file.name.trim() === '' || file.name.length > MAX_FILENAME_LENGTH) throw badRequest(`Each file needs a name of 1 to ${MAX_FILENAME_LENGTH} characters.`);
    if (file.size > MAX_ATTACHMENT_BYTES) throw new JiraError(413, [`${file.name} is larger than the site's limit of ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`]);
  }
  return files;
}

/** The part's own type, or (for a generic one, as browsers and FormData send) the type its extension names. */
const mimeTypeOf = (file: File): string =>
  file.type !== '' && file.type !== 'application/octet-stream' ? file.type : (MIME_TYPES[extname(file.name).toLowerCase()] ?? 'application/octet-stream');

function attachmentOf(context: SiteContext, request: SiteRequest): AttachmentRow {
  const raw = request.params['id'] ?? '';
  const attachment = /^\d{1,15}$/.test(raw) ? context.store.attachments.get(Number(raw)) : undefined;
  if (!attachment) throw notFound(`The attachment with id '${raw}' does not exist.`);
  return attachment;
}

/**
 * POST /rest/api/3/issue/{issueIdOrKey}/attachments: multipart/form-data, one part named `file` per file. As in Jira
 * the request must carry `X-Atlassian-Token: no-check` (403 without: the XSRF check), and answers 200 with the list of
 * attachments made; 413 over the size limit.
 */
export const addAttachments: Handler = async (context, request) => {
  const issue = visibleIssue(context, request);
  if (String(request.req.headers['x-atlassian-token'] ?? '').toLowerCase() !== 'no-check') throw forbidden('XSRF check failed: send the header X-Atlassian-Token: no-check.');
  const files = await uploadedFiles(request.req);
  const author = request.principal === 'app' ? APP_ACCOUNT.accountId : request.principal.accountId;
  const contents = await Promise.all(files.map(async (file) => ({ filename: file.name, mimeType: mimeTypeOf(file), content: Buffer.from(await file.arrayBuffer()) })));
  const rows = context.store.transaction(() => contents.map((file) => context.store.attachments.add(issue.id, file, author, context.now())));
  return json(rows.map((row) => renderAttachment(request.base, context.store, row)));
};

/** GET /rest/api/3/attachment/{id}: the attachment's metadata (AttachmentMetadata: a numeric id). */
export const getAttachment: Handler = (context, request) => {
  const attachment = attachmentOf(context, request);
  const rendered = renderAttachment(request.base, context.store, attachment);
  return json({ ...rendered, id: attachment.id, author: renderAccount(request.base, context.store, attachment.author_account_id), properties: {} });
};

/**
 * GET /rest/api/3/attachment/content/{id}: as Jira, 303 to where the content is (`redirect=false` answers it at once);
 * served as a download that no browser runs on the site's origin.
 */
export const getAttachmentContent: Handler = (context, request) => {
  const attachment = attachmentOf(context, request);
  if (request.url.searchParams.get('redirect') !== 'false') {
    return { status: 303, headers: { Location: `${request.base}/rest/api/3/attachment/content/${attachment.id}?redirect=false` } };
  }
  const content = context.store.attachments.content(attachment.id);
  if (!content) throw notFound(`The attachment with id '${attachment.id}' does not exist.`);
  return {
    status: 200,
    body: content,
    headers: {
      'Content-Type': attachment.mime_type,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': 'sandbox',
    },
  };
};

/** DELETE /rest/api/3/attachment/{id}: its author, a project admin or the app; 204. */
export const deleteAttachment: Handler = (context, request) => {
  const attachment = attachmentOf(context, request);
  const issue = context.store.issue(String(attachment.issue_id));
  const author = request.principal === 'app' ? APP_ACCOUNT.accountId : request.principal.accountId;
  if (!issue || (attachment.author_account_id !== author && !canAdminister(context, request.principal, issue.project_id))) {
    throw forbidden('You do not have permission to delete this attachment.');
  }
  context.store.attachments.delete(attachment.id);
  return noContent();
};
