// Bodies over the site's limits answer 413 with Jira's error body, after the site has read them: the client always
// gets the answer, never a reset connection, and the site keeps serving.
import { request } from 'node:http';
import type { RunningSite } from '../../test/support/site';
import { startSite } from '../../test/support/site';
import { BODY_LIMITS } from './http';

let site: RunningSite;
beforeAll(async () => {
  site = await startSite();
});
afterAll(async () => {
  await site.stop();
});

/** Sends `bytes` of JSON-ish body in 64 KiB writes (a slow, honest client) and answers status and parsed body. */
function send(path: string, bytes: number, auth: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(`${site.url}${path}`, { method: path.includes('properties') ? 'PUT' : 'POST', headers: { authorization: auth, 'content-type': 'application/json', 'content-length': bytes } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }));
      res.on('error', reject);
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const write = (): void => {
      while (sent < bytes) {
        const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += part.length;
        if (!req.write(part)) {
          req.once('drain', write);
          return;
        }
      }
      req.end();
    };
    write();
  });
}

const FIVE_MB = 5 * 1024 * 1024;

describe('a 5 MB body', () => {
  test.each([
    ['an issue property', '/rest/api/3/issue/SKU-1/properties/golive-gate.summary'],
    ['a JQL search', '/rest/api/3/search/jql'],
    ['a resolver invocation', '/forge/invoke'],
  ])('to %s answers 413 with Jira’s error body', async (_, path) => {
    const response = await send(path, FIVE_MB, site.basic('pm@example.com'));
    expect(response.status).toBe(413);
    const { body } = response;
    expect(body).toEqual(path === '/forge/invoke' ? { error: expect.stringMatching(/too large/) as string } : { errorMessages: [expect.stringMatching(/too large/) as string], errors: {} });
  });

  test('to the KVS endpoint answers 413 MAX_SIZE beyond its limit', async () => {
    const response = await send('/__forge/kvs/api/v1/transaction', BODY_LIMITS.kvs + 1, `Forge ${site.appSecret}`);
    expect(response).toMatchObject({ status: 413, body: { code: 'MAX_SIZE' } });
  });

  test('leaves the site answering', async () => {
    const response = await fetch(`${site.url}/rest/api/3/myself`, { headers: { authorization: site.basic('pm@example.com') } });
    expect(response.status).toBe(200);
  });
});
