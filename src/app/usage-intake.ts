import type { UsageIntake } from '../contract';
import { USAGE_PROJECT_HEADER, USAGE_SIGNATURE_HEADER } from '../gate/usage-delivery';
import type { ProjectRef, UsageIntakePorts } from '../ports';
import { requireAdmin } from './require-admin';

async function intakeOf(ports: UsageIntakePorts, project: ProjectRef, secret?: string): Promise<UsageIntake> {
  const [url, hasSecret] = await Promise.all([ports.usageUrl(), secret === undefined ? ports.usageSecrets.get(project.id).then((found) => found !== undefined) : true]);
  return { url, projectId: project.id, projectHeader: USAGE_PROJECT_HEADER, signatureHeader: USAGE_SIGNATURE_HEADER, hasSecret, ...(secret !== undefined && { secret }) };
}

/**
 * `getUsageIntake`: where the project's billing or quota system sends usage, and whether it has a secret to sign with.
 * For project admins only.
 *
 * @example
 * await getUsageIntake(ports, { id: '10000', key: 'SKU' }) // { url: 'https://…/x1/…', projectId: '10000', hasSecret: false, ... }
 */
export async function getUsageIntake(ports: UsageIntakePorts, project: ProjectRef): Promise<UsageIntake> {
  await requireAdmin(ports, project);
  return intakeOf(ports, project);
}

/**
 * `rotateUsageSecret`: a new secret for the project's usage deliveries, answered once (the app keeps it in KVS secret
 * storage and never shows it again); deliveries signed with the old one are refused from now on. For project admins.
 *
 * @example
 * (await rotateUsageSecret(ports, { id: '10000', key: 'SKU' })).secret // 'q3X…' (43 characters)
 */
export async function rotateUsageSecret(ports: UsageIntakePorts, project: ProjectRef): Promise<UsageIntake> {
  await requireAdmin(ports, project);
  return intakeOf(ports, project, await ports.usageSecrets.rotate(project.id));
}
