import type { TeamState } from '../../../src/gate/verdict';
import { STATE_APPEARANCE, STATE_LABELS } from './gate-words';

export function StateLozenge({ state }: { readonly state: TeamState }) {
  return <span className={`lozenge lozenge-${STATE_APPEARANCE[state]}`}>{STATE_LABELS[state]}</span>;
}
