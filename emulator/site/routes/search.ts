import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Handler, SiteContext, SiteRequest } from '../context';
import { accountIdOf } from '../context';
import { badRequest, json, listParam, parseJson, readText } from '../http';
import { compileJql } from '../jql/compile';
import { JqlError, parseJql } from '../jql/parse';
import { renderIssue, selectFields, selectProperties } from '../render';

/** Jira returns at most 5,000 issues per page when only ids/keys are asked for, 100 otherwise. */
const MAX_RESULTS_IDS_ONLY = 5000;
const MAX_RESULTS_WITH_DATA = 100;
const DEFAULT_MAX_RESULTS = 50;
const MAX_PROPERTIES = 5;

interface SearchParams {
  readonly jql: string;
  readonly nextPageToken?: string | undefined;
  readonly maxResults?: number | undefined;
  readonly fields?: readonly string[] | undefined;
  readonly properties?: readonly string[] | undefined;
}

const PageTokenSchema = z.strictObject({ offset: z.number().int().min(0), cursor: z.string().max(64).optional() });
type PageToken = z.infer<typeof PageTokenSchema>;

const encodePageToken = (token: PageToken): string => Buffer.from(JSON.stringify(token)).toString('base64url');

function decodePageToken(token: string | undefined): PageToken {
  if (token === undefined || token === '') return { offset: 0 };
  try {
    return PageTokenSchema.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
  } catch {
    throw badRequest(`The nextPageToken '${token}' is invalid: pass the token from the previous page unchanged.`);
  }
}

/**
 * The matching ids of recent multi-page searches, by cursor: a later page is a slice of the first page's result instead
 * of the query run again with a growing OFFSET, so reading N tickets page by page costs O(N), like Jira's cursors.
 * A cursor that has been evicted (or a restart) falls back to running the query with OFFSET.
 */
const CURSORS_KEPT = 32;
const cursors = new Map<string, readonly number[]>();

function keepCursor(ids: readonly number[]): string {
  const cursor = randomUUID();
  cursors.set(cursor, ids);
  const oldest = cursors.keys().next();
  if (cursors.size > CURSORS_KEPT && !oldest.done) cursors.delete(oldest.value);
  return cursor;
}

function search(context: SiteContext, request: SiteRequest, params: SearchParams) {
  let compiled;
  try {
    compiled = compileJql(parseJql(params.jql), { store: context.store, indexedValues: context.indexedValues, currentAccountId: accountIdOf(request.principal), nowMs: context.now() });
  } catch (error) {
    if (error instanceof JqlError) throw badRequest(error.message);
    throw error;
  }
  const fields = selectFields(params.fields, ['id']);
  const properties = params.properties ?? [];
  const explicitProperties = properties.filter((key) => !key.startsWith('-') && key !== '*all');
  if (explicitProperties.length > MAX_PROPERTIES) throw badRequest(`At most ${MAX_PROPERTIES} issue properties can be requested; ${explicitProperties.length} were.`);

  const cap = fields.length === 0 && properties.length === 0 ? MAX_RESULTS_IDS_ONLY : MAX_RESULTS_WITH_DATA;
  const maxResults = Math.min(Math.max(params.maxResults ?? DEFAULT_MAX_RESULTS, 1), cap);
  const token = decodePageToken(params.nextPageToken);
  const cached = token.cursor === undefined ? undefined : cursors.get(token.cursor);
  // Not the store's statement cache: every distinct query compiles to distinct SQL.
  const query = (limit: number, offset: number): number[] =>
    context.store.db
      .prepare(
        `SELECT i.id FROM issues i JOIN projects p ON p.id = i.project_id JOIN statuses s ON s.id = i.status_id
         WHERE ${compiled.where} ORDER BY ${compiled.orderBy} LIMIT ? OFFSET ?`,
      )
      .pluck()
      .all(...compiled.whereParams, ...compiled.orderParams, limit, offset) as number[];
  let cursor = token.cursor;
  let ids: readonly number[];
  if (cached !== undefined) ids = cached.slice(token.offset, token.offset + maxResults + 1);
  else if (token.offset === 0) {
    const all = query(-1, 0);
    cursor = all.length > maxResults ? keepCursor(all) : undefined;
    ids = all.slice(0, maxResults + 1);
  } else ids = query(maxResults + 1, token.offset);
  const isLast = ids.length <= maxResults;
  const pageIds = ids.slice(0, maxResults);
  const issues = context.store.issuesByIds(pageIds);
  const propertyRows = properties.length === 0 ? undefined : context.store.issuePropertiesOf(pageIds, properties.includes('*all') ? 'all' : explicitProperties);
  return {
    issues: issues.map((issue) => {
      const rows = propertyRows?.get(issue.id) ?? [];
      const selected = propertyRows === undefined ? undefined : new Set(selectProperties(properties, rows.map((row) => row.key)));
      return renderIssue(request.base, context.store, issue, fields, selected === undefined ? undefined : rows.filter((row) => selected.has(row.key)));
    }),
    ...(isLast ? {} : { nextPageToken: encodePageToken({ offset: token.offset + maxResults, ...(cursor === undefined ? {} : { cursor }) }) }),
    isLast,
  };
}

/** GET /rest/api/3/search/jql?jql=&nextPageToken=&maxResults=&fields=&properties= */
export const searchGet: Handler = (context, request) => {
  const { url } = request;
  const maxResults = url.searchParams.get('maxResults');
  if (maxResults !== null && !/^\d+$/.test(maxResults)) throw badRequest(`The value '${maxResults}' of maxResults is not a valid integer.`);
  return json(
    search(context, request, {
      jql: url.searchParams.get('jql') ?? '',
      nextPageToken: url.searchParams.get('nextPageToken') ?? undefined,
      maxResults: maxResults === null ? undefined : Number(maxResults),
      fields: listParam(url, 'fields'),
      properties: listParam(url, 'properties'),
    }),
  );
};

const SearchBodySchema = z.object({
  jql: z.string().optional(),
  nextPageToken: z.string().nullable().optional(),
  maxResults: z.number().int().min(0).optional(),
  fields: z.array(z.string()).optional(),
  properties: z.array(z.string()).optional(),
  expand: z.string().optional(),
  fieldsByKeys: z.boolean().optional(),
  reconcileIssues: z.array(z.number().int()).optional(),
});

/** POST /rest/api/3/search/jql with a SearchAndReconcileRequestBean body. */
export const searchPost: Handler = async (context, request) => {
  const body = SearchBodySchema.safeParse(parseJson(await readText(request.req)));
  if (!body.success) throw badRequest(`Invalid search request: ${body.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')}`);
  const { jql, nextPageToken, maxResults, fields, properties } = body.data;
  const split = (values: readonly string[] | undefined) => values?.flatMap((value) => value.split(',')).map((value) => value.trim()).filter((value) => value !== '');
  return json(search(context, request, { jql: jql ?? '', nextPageToken: nextPageToken ?? undefined, maxResults, fields: split(fields), properties: split(properties) }));
};
