import { Filter, FilterConditions, kvs, WhereConditions } from '@forge/kvs';
import { randomUUID } from 'node:crypto';
import { z } from 'zod/mini';
import type { GateConfigV2 } from '../gate/v2/config';
import { parseGateConfigV2 } from '../gate/v2/config';
import { readStoredConfig } from '../gate/v2/migrate';
import type { AuditEvent } from '../contract';
import type { ConfigStore, StoredConfig } from '../ports';
import { ConflictError, ValidationError } from '../errors';
import { auditEventKey } from './audit-log';
import { allPages, kvsCall } from './kvs-calls';
import { lazySchema } from '../gate/lazy-schema';

/** The custom entity of manifest.yml (`app.storage.entities`) that holds each project's configuration in force. */
export const CONFIG_ENTITY = 'gate-config';
/** The entity's index over every project (manifest.yml), for the validator configuration's list of projects. */
const BY_PROJECT = 'projectId';
/** The entity's index by project key (manifest.yml): the validator knows only the moving ticket's key. */
const BY_PROJECT_KEY = 'projectKey';

/** The configuration in force as stored: exactly the attributes the manifest declares. */
const ConfigValueSchema = lazySchema(() => z.object({
  projectId: z.string(),
  version: z.number().check(z.int(), z.gte(0)),
  config: z.unknown(),
  savedBy: z.string(),
  savedAt: z.string(),
  /** Tells this save from any other, so a save whose answer was lost recognises its own write. */
  saveId: z.string(),
  /** The project's key when it was saved (absent before issue 13): how the validator finds it before reading the ticket. */
  projectKey: z.optional(z.string()),
}));
type ConfigValue = z.infer<typeof ConfigValueSchema>;
/** What schema version 1 stored under `config:<projectId>` (commit 5cba5e6 and before). */
const LegacyStoredSchema = lazySchema(() => z.object({ config: z.unknown(), savedBy: z.string(), savedAt: z.string() }));

/** Where schema version 1 kept the configuration in force. Read (and upgraded) only while a project has no entity yet. */
const legacyKey = (projectId: string): string => `config:${projectId}`;
/** `config:<projectId>` of a version-1 configuration in force, not one of the `:v<n>` versions of the history. */
const LEGACY_KEY = /^config:([^:]+)$/;
/** KVS answers at most 100 keys or entities a page; 50 pages cover the configurations (and histories) of hundreds of projects. */
const LIST_PAGE_SIZE = 100;
const LIST_MAX_PAGES = 50;
/** Every saved version stays as history. */
const historyKey = (projectId: string, version: number): string => `config:${projectId}:v${version}`;

/** Only the app writes the configuration, after validating it; anything else means storage was damaged. */
function damaged(projectId: string): Error {
  return new Error(`The stored gate configuration of project ${projectId} is damaged; a project admin can import a saved copy.`);
}

function storedConfig(projectId: string, value: { config: unknown; savedBy: string; savedAt: string }): StoredConfig {
  const config = readStoredConfig(value.config);
  if (!config.ok) throw damaged(projectId);
  return { config: config.value, ...(config.migratedFrom !== undefined && { migratedFrom: config.migratedFrom }), warnings: config.warnings, savedBy: value.savedBy, savedAt: value.savedAt };
}

/** The configuration in force, as read: the entity (undefined when the project has none yet) and what it holds. */
interface InForce {
  readonly entity: ConfigValue | undefined;
  readonly stored: StoredConfig | undefined;
}

/** The entity holds exactly `version`, or (0) does not exist yet: the condition of a compare-and-set. */
const holdsVersion = (version: number) => new Filter<ConfigValue>().and('version', version === 0 ? FilterConditions.notExists() : FilterConditions.equalTo(version));

/**
 * The project's gate configuration in a Forge KVS custom entity, one per project. Every save is a transaction that sets
 * it on the condition that it still holds the version the admin edited, and keeps that version as history
 * (`config:<projectId>:v<version>`) and its audit event: of two saves of the same version exactly one wins, and a save delayed in transit
 * can never replace a later one, so the configuration in force is always the latest acknowledged save.
 * A configuration stored by schema version 1 (`config:<projectId>`) is read as it was and moved into the entity on first
 * read.
 */
export class KvsConfigStore implements ConfigStore {
  async get(projectId: string, projectKey?: string): Promise<StoredConfig | undefined> {
    const current = await this.inForce(projectId, projectKey);
    if (projectKey !== undefined && current.entity !== undefined && current.entity.projectKey !== projectKey) await this.indexByKey(current.entity, projectKey);
    return current.stored;
  }

  /**
   * Every project's configuration in force, by project id: pages of the entity's index, then the version-1 keys of
   * projects that have no entity yet (read as they were, as `get` reads them; the move into the entity is left to `get`).
   */
  async listAll(): Promise<readonly { readonly projectId: string; readonly stored: StoredConfig }[]> {
    const found = new Map<string, StoredConfig>();
    const entities = await allPages(
      (cursor) =>
        kvsCall(() => {
          const query = kvs.entity<ConfigValue>(CONFIG_ENTITY).query().index(BY_PROJECT).limit(LIST_PAGE_SIZE);
          return (cursor === undefined ? query : query.cursor(cursor)).getMany();
        }, 'list the gate configurations'),
      LIST_MAX_PAGES,
    );
    for (const { key, value } of entities) {
      const entity = ConfigValueSchema.safeParse(value);
      if (!entity.success) throw damaged(key);
      found.set(key, storedConfig(key, entity.data));
    }
    const legacy = await allPages(
      (cursor) =>
        kvsCall(() => {
          const query = kvs.query().where('key', WhereConditions.beginsWith('config:')).limit(LIST_PAGE_SIZE);
          return (cursor === undefined ? query : query.cursor(cursor)).getMany<unknown>();
        }, 'list the gate configurations'),
      LIST_MAX_PAGES,
    );
    for (const { key, value } of legacy) {
      const projectId = LEGACY_KEY.exec(key)?.[1];
      if (projectId === undefined || found.has(projectId)) continue;
      const parsed = LegacyStoredSchema.safeParse(value);
      if (!parsed.success) throw damaged(projectId);
      found.set(projectId, storedConfig(projectId, parsed.data));
    }
    return [...found].map(([projectId, stored]) => ({ projectId, stored }));
  }

  /**
   * The configuration saved for the project of that key: one KVS query on the entity's `projectKey` index. Undefined
   * when none was saved under that key (the project has none, was saved before keys were kept, or its key changed).
   */
  async getByProjectKey(projectKey: string): Promise<{ readonly projectId: string; readonly stored: StoredConfig } | undefined> {
    const found = await kvsCall(
      () => kvs.entity<ConfigValue>(CONFIG_ENTITY).query().index(BY_PROJECT_KEY).where(WhereConditions.equalTo(projectKey)).limit(1).getMany(),
      'read the gate configuration',
    );
    const first = found.results[0];
    if (first === undefined) return undefined;
    const entity = ConfigValueSchema.safeParse(first.value);
    if (!entity.success) throw damaged(first.key);
    return { projectId: entity.data.projectId, stored: storedConfig(entity.data.projectId, entity.data) };
  }

  async save(projectId: string, config: GateConfigV2, expectedVersion: number, savedBy: string, savedAt: string, event?: AuditEvent, projectKey?: string): Promise<StoredConfig> {
    const version = expectedVersion + 1;
    // Every save stores schema version 2, so a configuration migrated on read is stored as v2 from its next save on.
    const parsed = parseGateConfigV2({ ...config, version });
    if (!parsed.ok) throw new ValidationError('The configuration is not valid; nothing was saved.', parsed.errors);
    const value: ConfigValue = { projectId, version, config: parsed.value, savedBy, savedAt, saveId: randomUUID(), ...(projectKey !== undefined && { projectKey }) };
    const stored: StoredConfig = { config: parsed.value, warnings: [], savedBy, savedAt };

    let current = await this.inForce(projectId);
    // Two tries: the first may meet a version-1 configuration being moved into the entity at that moment.
    for (let attempt = 0; attempt < 2; attempt++) {
      if ((current.stored?.config.version ?? 0) !== expectedVersion) throw this.conflict(expectedVersion);
      try {
        const conditions = holdsVersion(current.entity === undefined ? 0 : expectedVersion);
        await kvsCall(() => {
          const save = kvs.transact().set(projectId, value, { entityName: CONFIG_ENTITY, conditions }).set(historyKey(projectId, version), { config: parsed.value, savedBy, savedAt });
          return (event === undefined ? save : save.set(auditEventKey(event), event)).execute();
        }, 'save the gate configuration');
        return stored;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        current = await this.inForce(projectId);
        // An earlier attempt of this very save landed, but its answer was lost.
        if (current.entity?.saveId === value.saveId) return stored;
      }
    }
    throw this.conflict(expectedVersion);
  }

  /**
   * Indexes a configuration stored without its project's key (saved before issue 13, or under a key the project no
   * longer has) under that key: the same version, configuration and save id, on the condition that no save came in
   * between. Best effort, as the move of a version-1 configuration: until it lands the validator reads by id (one more
   * KVS request).
   */
  private async indexByKey(entity: ConfigValue, projectKey: string): Promise<void> {
    try {
      await kvsCall(
        () => kvs.transact().set(entity.projectId, { ...entity, projectKey }, { entityName: CONFIG_ENTITY, conditions: holdsVersion(entity.version) }).execute(),
        'index the gate configuration by its project key',
      );
    } catch (error) {
      // A conflict means a save got there first, and every save stores the key; anything else is tried again next time.
      if (!(error instanceof ConflictError)) {
        console.warn(`Go-Live Gate: the configuration of project ${entity.projectId} is not indexed under ${projectKey} yet:`, error instanceof Error ? error.message : error);
      }
    }
  }

  private conflict(expectedVersion: number): ConflictError {
    return new ConflictError(
      `Someone else changed the configuration since you loaded version ${expectedVersion}. Reload it, then make your change again.`,
    );
  }

  private async inForce(projectId: string, projectKey?: string): Promise<InForce> {
    const raw = await kvsCall(() => kvs.entity<ConfigValue>(CONFIG_ENTITY).get(projectId), 'read the gate configuration');
    if (raw !== undefined) {
      const entity = ConfigValueSchema.safeParse(raw);
      if (!entity.success) throw damaged(projectId);
      return { entity: entity.data, stored: storedConfig(projectId, entity.data) };
    }
    return { entity: undefined, stored: await this.upgradeLegacy(projectId, projectKey) };
  }

  /**
   * Reads a configuration stored by schema version 1 and moves it into the entity, unless a save got there first. The
   * move is best effort: until it lands, the configuration is read from the old key (one more KVS request).
   */
  private async upgradeLegacy(projectId: string, projectKey: string | undefined): Promise<StoredConfig | undefined> {
    const raw = await kvsCall(() => kvs.get<unknown>(legacyKey(projectId)), 'read the gate configuration');
    if (raw === undefined) return undefined;
    const legacy = LegacyStoredSchema.safeParse(raw);
    if (!legacy.success) throw damaged(projectId);
    const stored = storedConfig(projectId, legacy.data);
    // Moved as it was stored: it is migrated to model v2 on every read until its next save (which is audited) stores v2.
    const value: ConfigValue = { projectId, version: stored.config.version, config: legacy.data.config, savedBy: stored.savedBy, savedAt: stored.savedAt, saveId: randomUUID(), ...(projectKey !== undefined && { projectKey }) };
    try {
      await kvsCall(
        () => kvs.transact().set(projectId, value, { entityName: CONFIG_ENTITY, conditions: holdsVersion(0) }).execute(),
        'move the gate configuration to its entity',
      );
    } catch (error) {
      // A conflict means a save or another reader moved it first; anything else leaves it in the old key until next time.
      if (!(error instanceof ConflictError)) {
        console.warn(`Go-Live Gate: the configuration of project ${projectId} stays in its version-1 key for now:`, error instanceof Error ? error.message : error);
      }
    }
    return stored;
  }
}

