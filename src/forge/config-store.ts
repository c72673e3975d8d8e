import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import type { GateConfig } from '../gate/config';
import { GateConfigSchema, parseGateConfig } from '../gate/config';
import type { ConfigStore, StoredConfig } from '../ports';
import { ConflictError, ValidationError } from '../errors';
import { DEFAULT_KVS_RETRY_POLICY, kvsCall } from './kvs-calls';

const currentKey = (projectId: string): string => `config:${projectId}`;
const versionKey = (projectId: string, version: number): string => `config:${projectId}:v${version}`;
/** `config:<projectId>` of a current configuration, not one of its `:v<n>` versions. */
const CURRENT_KEY = /^config:([^:]+)$/;
/** KVS answers at most 100 keys per query; 50 pages cover the current configurations and their histories of hundreds of projects. */
const LIST_PAGE_SIZE = 100;
const LIST_MAX_PAGES = 50;

const StoredConfigSchema = z.object({ config: GateConfigSchema, savedBy: z.string(), savedAt: z.string() });

function readStored(value: unknown, projectId: string): StoredConfig {
  const parsed = StoredConfigSchema.safeParse(value);
  // Only the app writes this key, after validating; anything else means storage was damaged.
  if (!parsed.success) throw new Error(`The stored gate configuration of project ${projectId} is damaged; a project admin can import a saved copy.`);
  return parsed.data;
}

/**
 * The project's gate configuration in Forge KVS. `config:<projectId>` holds the current one; each save first claims
 * `config:<projectId>:v<version>` with FAIL_IF_EXISTS, so of two admins saving the same version exactly one wins,
 * and every version stays as history.
 */
export class KvsConfigStore implements ConfigStore {
  async get(projectId: string): Promise<StoredConfig | undefined> {
    const value = await kvsCall(() => kvs.get<unknown>(currentKey(projectId)), 'read the gate configuration');
    return value === undefined ? undefined : readStored(value, projectId);
  }

  /** Every project's current configuration, by project id: KVS queries over the `config:` keys, 100 a page. */
  async listAll(): Promise<readonly { readonly projectId: string; readonly stored: StoredConfig }[]> {
    const found: { projectId: string; stored: StoredConfig }[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < LIST_MAX_PAGES; page++) {
      const query = kvs.query().where('key', WhereConditions.beginsWith('config:')).limit(LIST_PAGE_SIZE);
      const after = cursor;
      const { results, nextCursor } = await kvsCall(() => (after === undefined ? query : query.cursor(after)).getMany<unknown>(), 'list the gate configurations');
      for (const { key, value } of results) {
        const projectId = CURRENT_KEY.exec(key)?.[1];
        if (projectId !== undefined) found.push({ projectId, stored: readStored(value, projectId) });
      }
      if (nextCursor === undefined) break;
      cursor = nextCursor;
    }
    return found;
  }

  async save(projectId: string, config: GateConfig, expectedVersion: number, savedBy: string, savedAt: string): Promise<StoredConfig> {
    const version = expectedVersion + 1;
    const parsed = parseGateConfig({ ...config, version });
    if (!parsed.ok) throw new ValidationError('The configuration is not valid; nothing was saved.', parsed.errors);
    const stored: StoredConfig = { config: parsed.value, savedBy, savedAt };
    const current = await this.get(projectId);
    if ((current?.config.version ?? 0) !== expectedVersion) throw this.conflict(expectedVersion);
    try {
      // Not retried: a retry after a lost answer would see its own claim and report a false conflict.
      await kvsCall(() => kvs.set(versionKey(projectId, version), stored, { keyPolicy: 'FAIL_IF_EXISTS' }), 'save the gate configuration', {
        ...DEFAULT_KVS_RETRY_POLICY,
        retries: 0,
      });
    } catch (error) {
      if (error instanceof ConflictError) await this.completeInterruptedSave(projectId, version);
      throw error instanceof ConflictError ? this.conflict(expectedVersion) : error;
    }
    await kvsCall(() => kvs.set(currentKey(projectId), stored), 'save the gate configuration');
    return stored;
  }

  private conflict(expectedVersion: number): ConflictError {
    return new ConflictError(
      `Someone else changed the configuration since you loaded version ${expectedVersion}. Reload it, then make your change again.`,
    );
  }

  /**
   * A save that claimed its version but never updated the current key would block every later save.
   * When the current key is still behind the claimed version, roll it forward to the claimed (valid) one.
   */
  private async completeInterruptedSave(projectId: string, claimedVersion: number): Promise<void> {
    const [current, claimed] = await Promise.all([
      this.get(projectId),
      kvsCall(() => kvs.get<unknown>(versionKey(projectId, claimedVersion)), 'read the gate configuration history'),
    ]);
    if (claimed === undefined) return;
    if (current === undefined || current.config.version < claimedVersion) {
      await kvsCall(() => kvs.set(currentKey(projectId), readStored(claimed, projectId)), 'repair the gate configuration');
    }
  }
}
