import { webTrigger } from '@forge/api';
import { kvs } from '@forge/kvs';
import { z } from 'zod/mini';
import type { Provider } from '../gate/provider-refs';
import type { ProviderConnections, ProviderConnectionSettings, WebhookAddresses } from '../ports';
import { kvsCall } from './kvs-calls';
import { lazySchema } from '../gate/lazy-schema';

const connectionKey = (projectId: string, provider: Provider): string => `provider-connection:${projectId}:${provider}`;

const StoredConnectionSchema = lazySchema(() => z.object({
  projectId: z.string().check(z.minLength(1)),
  projectKey: z.string().check(z.minLength(1)),
  apiUrl: z.string().check(z.minLength(1)),
  apiToken: z.string().check(z.minLength(1)),
  webhookSecret: z.string().check(z.minLength(1)),
}));

/** Each project's GitLab and GitHub connection in Forge KVS secret storage (`kvs.setSecret`: encrypted at rest, read only by the app). */
export class KvsProviderConnections implements ProviderConnections {
  async get(projectId: string, provider: Provider): Promise<ProviderConnectionSettings | undefined> {
    const stored = await kvsCall(() => kvs.getSecret<unknown>(connectionKey(projectId, provider)), `read the ${provider} connection`);
    if (stored === undefined) return undefined;
    const parsed = StoredConnectionSchema.safeParse(stored);
    return parsed.success ? parsed.data : undefined;
  }

  async save(settings: ProviderConnectionSettings & { readonly provider: Provider }): Promise<void> {
    const { provider, ...connection } = settings;
    await kvsCall(() => kvs.setSecret(connectionKey(settings.projectId, provider), connection), `save the ${provider} connection`);
  }
}

/** The manifest's web trigger module of each provider. */
export const WEBHOOK_MODULES: Readonly<Record<Provider, string>> = { gitlab: 'go-live-gate-gitlab', github: 'go-live-gate-github' };

/** Web trigger addresses from Forge (`webTrigger.getUrl`): one per provider and installation. */
export class ForgeWebhookAddresses implements WebhookAddresses {
  urlOf(provider: Provider): Promise<string> {
    return webTrigger.getUrl(WEBHOOK_MODULES[provider]);
  }
}
