import type { ConnectionsView, SaveConnectionPayload } from '../contract';
import { ValidationError } from '../errors';
import { PROVIDER_NAMES, PROVIDERS, PUBLIC_API_URLS } from '../gate/provider-refs';
import type { Caller, ConnectionSettingsPorts, ProjectRef } from '../ports';
import { requireAdmin } from './require-admin';

/**
 * The project's GitLab and GitHub connections for the settings page: each provider's webhook address (the web trigger
 * with this project named in it), the API address, and whether a token and secret are stored (never what they are).
 *
 * @example
 * await getConnections(ports, { accountId: 'acc-admin' }, { id: '10000', key: 'SKU' })
 * // { connections: [{ provider: 'gitlab', webhookUrl: 'https://…/x1/…?project=10000', apiUrl: 'https://gitlab.com/api/v4', connected: false }, …] }
 */
export async function getConnections(ports: ConnectionSettingsPorts, _caller: Caller, project: ProjectRef): Promise<ConnectionsView> {
  await requireAdmin(ports, project);
  const connections = await Promise.all(
    PROVIDERS.map(async (provider) => {
      const [stored, url] = await Promise.all([ports.connections.get(project.id, provider), ports.webhooks.urlOf(provider)]);
      const webhookUrl = `${url}${url.includes('?') ? '&' : '?'}project=${encodeURIComponent(project.id)}`;
      return { provider, webhookUrl, apiUrl: stored?.apiUrl ?? PUBLIC_API_URLS[provider], connected: stored !== undefined };
    }),
  );
  return { connections };
}

/**
 * Saves the project's connection to one provider in Forge's secret storage. A token or secret left out keeps the one
 * stored; the first save needs both.
 *
 * @example
 * await saveConnection(ports, caller, project, { provider: 'gitlab', apiToken: 'glpat-…', webhookSecret: 'a long random secret' })
 */
export async function saveConnection(ports: ConnectionSettingsPorts, caller: Caller, project: ProjectRef, payload: SaveConnectionPayload): Promise<ConnectionsView> {
  await requireAdmin(ports, project);
  const { provider } = payload;
  const stored = await ports.connections.get(project.id, provider);
  const apiToken = payload.apiToken ?? stored?.apiToken;
  const webhookSecret = payload.webhookSecret ?? stored?.webhookSecret;
  const missing = [apiToken === undefined && { path: 'apiToken', message: `give the token the app reads ${PROVIDER_NAMES[provider]} with` }, webhookSecret === undefined && { path: 'webhookSecret', message: 'give the webhook secret' }].filter(
    (problem) => problem !== false,
  );
  if (apiToken === undefined || webhookSecret === undefined) throw new ValidationError(`Nothing was saved: the ${PROVIDER_NAMES[provider]} connection needs a token and a webhook secret.`, missing);
  const apiUrl = (payload.apiUrl ?? stored?.apiUrl ?? PUBLIC_API_URLS[provider]).replace(/\/+$/, '');
  await ports.connections.save({ provider, projectId: project.id, projectKey: project.key, apiUrl, apiToken, webhookSecret });
  return getConnections(ports, caller, project);
}
