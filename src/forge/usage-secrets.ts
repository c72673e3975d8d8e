import { randomBytes } from 'node:crypto';
import { webTrigger } from '@forge/api';
import { kvs } from '@forge/kvs';
import type { UsageSecrets } from '../ports';
import { kvsCall } from './kvs-calls';

/** The manifest's `webtrigger` module that receives usage deliveries. */
export const USAGE_WEBTRIGGER_KEY = 'go-live-gate-usage';

const secretKey = (projectId: string): string => `usage-secret:${projectId}`;

/**
 * Each project's usage secret in Forge KVS secret storage (`kvs.setSecret`: encrypted, never returned by queries),
 * 32 random bytes as base64url.
 */
export class KvsUsageSecrets implements UsageSecrets {
  async get(projectId: string): Promise<string | undefined> {
    return kvsCall(() => kvs.getSecret<string>(secretKey(projectId)), 'read the usage secret');
  }

  async rotate(projectId: string): Promise<string> {
    const secret = randomBytes(32).toString('base64url');
    await kvsCall(() => kvs.setSecret(secretKey(projectId), secret), 'store the usage secret');
    return secret;
  }
}

/**
 * The URL of the usage web trigger: Forge keeps one per installation and module, the same on every call.
 *
 * @example
 * await usageWebTriggerUrl() // 'https://….hello.atlassian-dev.net/x1/…'
 */
export async function usageWebTriggerUrl(): Promise<string> {
  return webTrigger.getUrl(USAGE_WEBTRIGGER_KEY);
}
