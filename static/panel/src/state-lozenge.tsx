import type { TeamStateV2 } from '../../../src/gate/v2/verdict';
import { STATE_APPEARANCE, STATE_LABELS } from './gate-words';

export function StateLozenge({ state }: { readonly state: TeamStateV2 }) {
  return <span className={`lozenge lozenge-${STATE_APPEARANCE[state]}`}>{STATE_LABELS[state]}</span>;
}
