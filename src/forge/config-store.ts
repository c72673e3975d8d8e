import { kvs } from '@forge/kvs';
import { z } from 'zod';
import type { GateConfig } from '../gate/config';
import { GateConfigSchema, parseGateConfig } from '../gate/config';
import type { ConfigStore, StoredConfig } from '../ports';
import { ConflictError, ValidationError } from '../errors';
import { DEFAULT_KVS_RETRY_POLICY, kvsCall } from './kvs-calls';

const currentKey = (projectId: string): string => `config:${projectId}`;
const versionKey = (projectId: string, version: number): string => `config:${projectId}:v${version}`;

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
