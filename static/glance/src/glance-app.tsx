import { useEffect, useState } from 'react';
import type { GateGlance } from '../../../src/contract';
import { onGateChanged, resolverOf } from '../../shared/bridge';
import type { Failure } from '../../shared/bridge';
import { Loading } from '../../shared/notice';

/** The glance asks the panel's resolver (manifest.yml: the issue context uses the panel's function). */
const call = resolverOf('panel');

const APPEARANCE = { ready: 'success', blocked: 'danger', overridden: 'warning' } as const;

type Load = { readonly status: 'loading' } | { readonly status: 'failed'; readonly error: Failure } | { readonly status: 'ready'; readonly glance: GateGlance };

/**
 * The gate at a glance in the sidebar: "Go-Live Gate · Promote to prod: 2 of 4 · blocked", then the validator's
 * own message. It loads again whenever the panel changes the gate.
 */
export function GlanceApp() {
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  useEffect(() => {
    let active = true;
    const fetchGlance = (): void => {
      void call('getGlance').then((result) => {
        if (active) setLoad(result.ok ? { status: 'ready', glance: result.data } : { status: 'failed', error: result.error });
      });
    };
    fetchGlance();
    const stop = onGateChanged(fetchGlance);
    return () => {
      active = false;
      stop();
    };
  }, []);

  if (load.status === 'loading') return <Loading what="the gate’s status" />;
  if (load.status === 'failed') return <p className="glance-problem" role="alert">{load.error.message}</p>;
  const { glance } = load;
  if (!glance.configured || glance.progress === undefined || glance.status === undefined) {
    return <p className="subtle">Go-Live Gate is not set up for this project.</p>;
  }
  return (
    <main className="glance" aria-label="Go-Live Gate status">
      <p className="glance-line">
        <span className="glance-app">Go-Live Gate</span> · <span className="glance-stage">{glance.progress}</span> ·{' '}
        <span className={`lozenge lozenge-${APPEARANCE[glance.status]}`}>{glance.status}</span>
      </p>
      {glance.status === 'ready' ? null : <p className="glance-message subtle">{glance.message}</p>}
    </main>
  );
}
