// The platform tests' Forge app: each handler leaves what it saw where a test can read it (KVS, through the real
// @forge/kvs), so the tests check what the local site hands a Forge function and what it does with the answer.
import api, { fetch, route, webTrigger } from '@forge/api';
import { kvs } from '@forge/kvs';
import { randomUUID } from 'node:crypto';

interface WebTriggerRequest {
  method: string;
  headers: Record<string, string[]>;
  body?: string;
  path: string;
  userPath?: string;
  queryParameters: Record<string, string[]>;
}

async function append(key: string, entry: unknown): Promise<void> {
  const list = (await kvs.get<unknown[]>(key)) ?? [];
  await kvs.set(key, [...list, entry]);
}

/** Every product event under its own key `events:<time>:<uuid>` (deliveries overlap, so no shared list). */
export async function recordEvent(event: unknown): Promise<void> {
  await kvs.set(`events:${Date.now()}:${randomUUID()}`, event);
}

/** The events of a trigger with `filter.ignoreSelf`, under `others-events:...`. */
export async function recordOthersEvent(event: unknown): Promise<void> {
  await kvs.set(`others-events:${Date.now()}:${randomUUID()}`, event);
}

/** Each scheduled run (runs never overlap): its module, the time the app's own clock showed, and a KVS key living an hour. */
export async function tick(request: { context: { moduleKey: string } }): Promise<void> {
  await append('ticks', { moduleKey: request.context.moduleKey, appNow: new Date().toISOString(), dateNow: Date.now() });
  await kvs.set(`tick-ttl:${Date.now()}`, true, { ttl: { value: 1, unit: 'HOURS' } });
}

/**
 * A web trigger that answers what it was given; its body may ask it to do one thing first:
 * `{"fetch": url}` fetches through the egress control and reports the outcome, `{"getUrl": key}` answers
 * webTrigger.getUrl, `{"comment": "SKU-1"}` comments on that issue as the app.
 */
export async function echo(request: WebTriggerRequest): Promise<{ statusCode: number; headers: Record<string, string[]>; body: string }> {
  const ask = safeJson(request.body);
  let outcome: unknown;
  if (typeof ask.fetch === 'string') {
    try {
      const response = await fetch(ask.fetch);
      outcome = { status: response.status, body: await response.text() };
    } catch (error) {
      outcome = { error: error instanceof Error ? { name: error.name, message: error.message } : String(error) };
    }
  }
  if (typeof ask.getUrl === 'string') outcome = { url: await webTrigger.getUrl(ask.getUrl) };
  if (typeof ask.comment === 'string') {
    const response = await api.asApp().requestJira(route`/rest/api/3/issue/${ask.comment}/comment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'From the app' }] }] } }),
    });
    outcome = { status: response.status };
  }
  return { statusCode: 201, headers: { 'Content-Type': ['application/json'], 'X-Echo': ['yes'] }, body: JSON.stringify({ request, outcome }) };
}

/** Answers something that is no web trigger response. */
export function brokenHook(): unknown {
  return { status: 'fine' };
}

function safeJson(text: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text ?? '{}');
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
