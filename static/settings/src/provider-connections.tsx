import { useEffect, useState } from 'react';
import type { ConnectionsView, ProviderConnectionView } from '../../../src/contract';
import type { Provider } from '../../../src/gate/provider-refs';
import { resolverOf } from '../../shared/bridge';

const call = resolverOf('settings');
const NAMES: Readonly<Record<Provider, string>> = { gitlab: 'GitLab', github: 'GitHub' };
const HOW: Readonly<Record<Provider, string>> = {
  gitlab: 'In GitLab: Settings → Webhooks → Add new webhook; URL and Secret token as here; triggers Merge request events and Pipeline events.',
  github: 'In GitHub: Settings → Webhooks → Add webhook; Payload URL and Secret as here, content type application/json; events Pull requests, Pull request reviews, Check runs and Statuses.',
};

/** One provider: its webhook address to copy, and the API address, token and secret to save (never shown again). */
function Connection({ connection, onSaved }: { readonly connection: ProviderConnectionView; readonly onSaved: (view: ConnectionsView) => void }) {
  const { provider } = connection;
  const [apiUrl, setApiUrl] = useState(connection.apiUrl);
  const [apiToken, setApiToken] = useState('');
  const [webhookSecret, setWebhookSecret] = useState('');
  const [message, setMessage] = useState<{ readonly ok: boolean; readonly text: string } | undefined>();
  const id = (what: string): string => `connection-${provider}-${what}`;
  const save = async (): Promise<void> => {
    const result = await call('saveConnection', { provider, apiUrl, ...(apiToken !== '' && { apiToken }), ...(webhookSecret !== '' && { webhookSecret }) });
    if (!result.ok) {
      setMessage({ ok: false, text: [result.error.message, ...(result.error.fieldErrors ?? []).map((e) => `${e.path}: ${e.message}`)].join(' ') });
      return;
    }
    setApiToken('');
    setWebhookSecret('');
    setMessage({ ok: true, text: `${NAMES[provider]} connection saved.` });
    onSaved(result.data);
  };
  return (
    <fieldset className="connection" aria-label={`${NAMES[provider]} connection`}>
      <legend>
        {NAMES[provider]} {connection.connected ? <span className="subtle">(connected)</span> : <span className="subtle">(not connected)</span>}
      </legend>
      <div className="field">
        <label htmlFor={id('webhook')}>Webhook address</label>
        <input id={id('webhook')} type="text" readOnly value={connection.webhookUrl} />
        <p className="hint">{HOW[provider]}</p>
      </div>
      <div className="field">
        <label htmlFor={id('api')}>API address</label>
        <input id={id('api')} type="text" value={apiUrl} onChange={(e) => setApiUrl(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={id('token')}>API token{connection.connected ? ' (leave empty to keep the stored one)' : ''}</label>
        <input id={id('token')} type="password" autoComplete="off" value={apiToken} onChange={(e) => setApiToken(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={id('secret')}>Webhook secret{connection.connected ? ' (leave empty to keep the stored one)' : ''}</label>
        <input id={id('secret')} type="password" autoComplete="off" value={webhookSecret} onChange={(e) => setWebhookSecret(e.target.value)} />
      </div>
      <button type="button" className="button" onClick={() => void save()}>
        Save {NAMES[provider]} connection
      </button>
      {message === undefined ? null : <p className={message.ok ? 'hint' : 'field-error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
    </fieldset>
  );
}

/**
 * GitLab and GitHub (issue 15): where each provider sends its webhooks, and the token and secret the app uses. The
 * token and the secret go to Forge's encrypted storage and are never shown again.
 */
export function ProviderConnections() {
  const [view, setView] = useState<ConnectionsView | undefined>();
  const [failed, setFailed] = useState<string | undefined>();
  useEffect(() => {
    let current = true;
    void call('getConnections').then((result) => {
      if (!current) return;
      if (result.ok) setView(result.data);
      else setFailed(result.error.message);
    });
    return () => {
      current = false;
    };
  }, []);
  return (
    <section aria-labelledby="connections-heading">
      <h2 id="connections-heading">GitLab and GitHub</h2>
      <p className="hint">Approvals on merge and pull requests count as agreement, read from the provider’s API before anything is recorded.</p>
      {failed !== undefined ? <p className="field-error" role="alert">{failed}</p> : view === undefined ? <p className="subtle">Loading…</p> : view.connections.map((connection) => <Connection key={connection.provider} connection={connection} onSaved={setView} />)}
    </section>
  );
}
