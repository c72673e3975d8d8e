import { useState } from 'react';
import type { FieldError } from '../../../src/gate/config';
import type { GateConfigV2 as GateConfig } from '../../../src/gate/v2/config';
import type { Provider } from '../../../src/gate/provider-refs';
import { getJira } from '../../shared/bridge';
import { TextField } from './text-field';

type Mapping = NonNullable<GateConfig['providerUsers']>[number];
type Checked = { readonly ok: boolean; readonly text: string };

const PROVIDER_LABELS: Readonly<Record<Provider, string>> = { gitlab: 'GitLab', github: 'GitHub' };

/** The row with the id typed (digits only); anything else leaves the row without an id, matched by login. */
function withId(row: Mapping, text: string): Mapping {
  const mapping: Mapping = { provider: row.provider, login: row.login, accountId: row.accountId };
  return /^[0-9]{1,15}$/.test(text.trim()) ? { ...mapping, id: Number(text.trim()) } : mapping;
}

/**
 * Looks the Jira accounts up as the admin sees them, in one request (Jira's bulk user look-up leaves unknown ids out):
 * each row's display name, or why it is not an account.
 */
async function checkAccounts(rows: readonly Mapping[]): Promise<Checked[]> {
  const ids = [...new Set(rows.map((row) => row.accountId.trim()).filter((id) => id !== ''))].slice(0, 200);
  const names = new Map<string, { name: string; active: boolean }>();
  let failed = false;
  if (ids.length > 0) {
    try {
      const page = (await getJira(`/rest/api/3/user/bulk?maxResults=200&${ids.map((id) => `accountId=${encodeURIComponent(id)}`).join('&')}`)) as { values?: { accountId?: unknown; displayName?: unknown; active?: unknown }[] };
      for (const user of page.values ?? []) if (typeof user.accountId === 'string') names.set(user.accountId, { name: typeof user.displayName === 'string' ? user.displayName : user.accountId, active: user.active !== false });
    } catch {
      failed = true;
    }
  }
  return rows.map((row) => {
    const id = row.accountId.trim();
    if (id === '') return { ok: false, text: 'No Jira account given' };
    if (failed) return { ok: false, text: 'Jira did not answer; try again' };
    const found = names.get(id);
    if (found === undefined) return { ok: false, text: `Jira has no account ${id}` };
    return found.active ? { ok: true, text: `Jira: ${found.name}` } : { ok: false, text: `${found.name} is deactivated in Jira` };
  });
}

/**
 * Who is who on GitLab and GitHub (issue 15): a merge-request approval counts for the Jira account its author maps to.
 * A row with the provider's numeric user id matches only that id, so a renamed login still maps and a freed login
 * taken by someone else does not. The Check button looks each Jira account up.
 */
export function UserMappingEditor({ config, errors, onChange }: { readonly config: GateConfig; readonly errors: readonly FieldError[]; readonly onChange: (config: GateConfig) => void }) {
  const rows = config.providerUsers ?? [];
  const [checked, setChecked] = useState<readonly (Checked | undefined)[]>([]);
  const [checking, setChecking] = useState(false);
  const update = (next: readonly Mapping[]): void => {
    setChecked([]);
    onChange({ ...config, providerUsers: [...next] });
  };
  const change = (index: number, patch: Partial<Mapping>): void => update(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const check = async (): Promise<void> => {
    setChecking(true);
    setChecked(await checkAccounts(rows));
    setChecking(false);
  };
  return (
    <section aria-labelledby="user-mapping-heading">
      <h2 id="user-mapping-heading">GitLab and GitHub users</h2>
      <p className="hint">An approval on a merge or pull request counts for the Jira account its author maps to; an unmapped approver records nothing.</p>
      {rows.length === 0 ? <p className="subtle">No one is mapped yet.</p> : null}
      <ul className="user-mappings">
        {rows.map((row, index) => {
          const path = `providerUsers.${index}`;
          const result = checked[index];
          return (
            <li key={index} className="user-mapping" aria-label={`${PROVIDER_LABELS[row.provider]} user ${row.login || index + 1}`}>
              <div className="field">
                <label htmlFor={`${path}-provider`}>Provider</label>
                <select id={`${path}-provider`} value={row.provider} onChange={(e) => change(index, { provider: e.target.value === 'github' ? 'github' : 'gitlab' })}>
                  <option value="gitlab">GitLab</option>
                  <option value="github">GitHub</option>
                </select>
              </div>
              <TextField path={`${path}.login`} label="Login" value={row.login} errors={errors} onChange={(login) => change(index, { login })} />
              <TextField
                path={`${path}.id`}
                label="User id (optional)"
                value={row.id === undefined ? '' : String(row.id)}
                errors={errors}
                onChange={(text) => update(rows.map((r, i) => (i === index ? withId(r, text) : r)))}
              />
              <TextField path={`${path}.accountId`} label="Jira account id" value={row.accountId} errors={errors} onChange={(accountId) => change(index, { accountId })} />
              {result === undefined ? null : <p className={result.ok ? 'hint check-ok' : 'field-error'} role="status">{result.text}</p>}
              <button type="button" className="button button-subtle" onClick={() => update(rows.filter((_, i) => i !== index))}>
                Remove {row.login || 'this user'}
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" className="button" onClick={() => update([...rows, { provider: 'gitlab', login: '', accountId: '' }])}>
        Add a user
      </button>{' '}
      <button type="button" className="button" disabled={rows.length === 0 || checking} onClick={() => void check()}>
        {checking ? 'Checking…' : 'Check'}
      </button>
    </section>
  );
}
