import { useEffect, useState } from 'react';
import type { UsageIntake } from '../../../src/contract';
import { resolverOf } from '../../shared/bridge';
import { Notice } from '../../shared/notice';
import './usage-intake.css';

const call = resolverOf('settings');

/**
 * Where a billing or quota system reports each ticket's actual usage (issue 18): the web trigger's URL, the headers it
 * sends, and the project's secret, created or replaced here and shown once.
 */
export function UsageIntakeSection() {
  const [intake, setIntake] = useState<UsageIntake | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    let current = true;
    void call('getUsageIntake').then((result) => {
      if (!current) return;
      if (result.ok) setIntake(result.data);
      else setError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, []);

  const rotate = async (): Promise<void> => {
    setConfirming(false);
    setBusy(true);
    const result = await call('rotateUsageSecret');
    setBusy(false);
    if (result.ok) {
      setIntake(result.data);
      setError(undefined);
    } else setError(result.error.message);
  };

  return (
    <section className="card usage-intake" aria-labelledby="usage-intake-heading">
      <h2 id="usage-intake-heading">Usage from a billing or quota system</h2>
      <p className="subtle">
        After go-live, the gate compares each ticket’s actual usage with the numbers the signing team agreed, and tells that team when usage goes above them.
        A billing or quota system reports usage by sending a JSON body such as <code>{'{"issue": "SKU-4", "measuredAt": "2026-11-29T10:00:00Z", "usage": {"capacity": 120, "velocity": 4}}'}</code>
        {' '}to the address below, with the project’s id and the HMAC-SHA256 of the body in the headers.
      </p>
      {error === undefined ? null : <Notice appearance="error" title="The usage intake could not be shown or changed"><p>{error}</p></Notice>}
      {intake === undefined ? null : (
        <>
          <dl className="usage-intake-facts">
            <dt>Address (POST)</dt>
            <dd><code>{intake.url}</code></dd>
            <dt>Headers</dt>
            <dd>
              <code>{intake.projectHeader}: {intake.projectId}</code>
              <br />
              <code>{intake.signatureHeader}: sha256=&lt;hex HMAC-SHA256 of the body with the secret&gt;</code>
            </dd>
            <dt>Secret</dt>
            <dd>{intake.hasSecret ? 'Created; it is kept in Forge’s secret storage and never shown again.' : 'None yet: deliveries are refused until you create one.'}</dd>
          </dl>
          {intake.secret === undefined ? null : (
            <Notice appearance="success" title="Copy the new secret now">
              <p>
                <code className="usage-secret">{intake.secret}</code>
              </p>
              <p>It is shown only this once. Deliveries signed with the previous secret are refused from now on.</p>
            </Notice>
          )}
          {confirming ? (
            <Notice
              appearance="warning"
              title="Replace the secret?"
              action={
                <>
                  <button type="button" className="button button-danger" onClick={() => void rotate()}>Replace the secret</button>{' '}
                  <button type="button" className="button button-subtle" onClick={() => setConfirming(false)}>Keep it</button>
                </>
              }
            >
              <p>The billing system’s deliveries are refused until it signs them with the new secret.</p>
            </Notice>
          ) : (
            <button type="button" className="button" disabled={busy} onClick={() => (intake.hasSecret ? setConfirming(true) : void rotate())}>
              {busy ? 'Creating…' : intake.hasSecret ? 'Replace the secret…' : 'Create a secret'}
            </button>
          )}
        </>
      )}
    </section>
  );
}
