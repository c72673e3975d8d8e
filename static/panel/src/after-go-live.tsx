import type { GateView } from '../../../src/contract';
import { ServiceAssuranceLine } from './service-assurance';

/** What the gate promises past its stages (issue 18): the ticket's service assurance. */
export function AfterGoLive({ gate }: { readonly gate: GateView }) {
  if (gate.assurance === undefined) return null;
  return (
    <section className="after-go-live" aria-label="After go-live">
      <ServiceAssuranceLine assurance={gate.assurance} />
    </section>
  );
}
