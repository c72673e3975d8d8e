import type { GateConfig } from '../gate/config';
import type { GateConfigV2 } from '../gate/v2/config';
import { v1RulesConfig } from '../gate/v2/v1-rules';
import type { StoredConfig } from '../ports';

/**
 * The configuration in force for the use cases that still judge by model v1's rules (issue 13 moves them to v2 step by
 * step): `config` as those rules read it, beside `configV2`, the configuration as stored and migrated.
 */
export interface StoredRules extends Omit<StoredConfig, 'config'> {
  readonly config: GateConfig;
  readonly configV2: GateConfigV2;
}

/**
 * The stored configuration with its v1-rules view (src/gate/v2/v1-rules.ts), or undefined for a project without one.
 *
 * @example
 * const stored = storedRules(await ports.configs.get(projectId));
 * stored?.config.stages[0]?.requiredTeams // ['mt-sre', 'osd-e2e', 'sre-p', 'dev-team']
 */
export function storedRules(stored: StoredConfig): StoredRules;
export function storedRules(stored: StoredConfig | undefined): StoredRules | undefined;
export function storedRules(stored: StoredConfig | undefined): StoredRules | undefined {
  return stored === undefined ? undefined : { ...stored, config: v1RulesConfig(stored.config), configV2: stored.config };
}
