import type { GateView, ResolverResult } from '../../../src/contract';
import { resolverOf } from '../../shared/bridge';
import type { Failure } from '../../shared/bridge';
import { ServiceAssuranceLine } from './service-assurance';
import { UsageAgainstCommitments } from './usage-against-commitments';
import './after-go-live.css';

const call = resolverOf('panel');

/** Runs an action whose answer is the updated gate (the panel's own `act`): the panel shows its answer. */
export type GateAction = (run: () => Promise<ResolverResult<GateView>>, done: string) => Promise<Failure | undefined>;

/** What the gate promises past its stages (issue 18): the ticket's service assurance and its usage against commitments. */
export function AfterGoLive({ gate, act, nameOf }: { readonly gate: GateView; readonly act: GateAction; readonly nameOf: (accountId: string) => string }) {
  if (gate.assurance === undefined) return null;
  return (
    <section className="after-go-live" aria-label="After go-live">
      <ServiceAssuranceLine assurance={gate.assurance} />
      <UsageAgainstCommitments gate={gate} nameOf={nameOf} onRecord={(payload) => act(() => call('recordUsage', payload), 'Usage recorded.')} />
    </section>
  );
}
