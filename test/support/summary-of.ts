import type { GateConfig } from '../../src/gate/config';
import type { GateSnapshot } from '../../src/gate/records';
import type { GateSummary } from '../../src/gate/summary';
import { deriveSummary } from '../../src/gate/summary';
import type { GateConfigV2 } from '../../src/gate/v2/config';
import { migrateConfig } from '../../src/gate/v2/migrate';
import { readRecordsV2 } from '../../src/gate/v2/read-records';

/**
 * The summary the app writes for a configuration (v2, or v1 as stored: migrated to v2) and a snapshot of today's
 * records: the records as gate model v2 reads them, on a Task of the snapshot's project.
 *
 * @example
 * summaryOf(templateConfig('managed-addon')!, new IssueFixture(config).approve('sre-p', T0).snapshot(), now).status // 'blocked'
 */
export function summaryOf(config: GateConfig | GateConfigV2, snapshot: GateSnapshot, now: Date): GateSummary {
  const configV2 = config.schemaVersion === 2 ? config : migrateConfig(config);
  const { issue } = snapshot;
  const records = readRecordsV2(configV2, {
    issueId: issue.id,
    properties: snapshot.properties,
    digests: snapshot.digests,
    ...(snapshot.linked !== undefined && { linked: snapshot.linked }),
    ...(snapshot.written !== undefined && { written: snapshot.written }),
  });
  const ticket = {
    id: issue.id,
    key: issue.key,
    projectKey: issue.key.split('-')[0] ?? '',
    issueType: 'Task',
    ...(issue.reporterAccountId !== undefined && { reporterAccountId: issue.reporterAccountId }),
    labels: [],
    components: [],
    fields: {},
    ...(issue.targetRelease !== undefined && { targetRelease: issue.targetRelease }),
  };
  return deriveSummary({ config: configV2, ticket, records }, snapshot, now);
}
