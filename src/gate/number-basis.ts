import type { NumberBasis } from './records';

/** A basis as someone typed it: every text may be blank or padded, figures may lack a unit. */
export interface NumberBasisInput {
  readonly costOfService?: string | undefined;
  readonly humanToil?: string | undefined;
  readonly serviceToil?: string | undefined;
  readonly notes?: string | undefined;
  readonly figures?: readonly { readonly label: string; readonly value: number; readonly unit?: string | undefined }[] | undefined;
}

/** The parts of a basis people read, in the order they are shown. */
export const BASIS_PARTS = [
  { key: 'costOfService', label: 'Cost of service' },
  { key: 'humanToil', label: 'Human toil' },
  { key: 'serviceToil', label: 'Service toil' },
  { key: 'notes', label: 'Notes' },
] as const;

/**
 * A basis as the app records it: texts trimmed, blank parts and figures without a label left out; undefined when
 * nothing is left (recording an empty basis removes the number's basis).
 *
 * @example
 * normalizeBasis({ costOfService: ' 2 clusters at 400 USD ', humanToil: '', figures: [{ label: 'cost per customer', value: 12 }] })
 * // { costOfService: '2 clusters at 400 USD', figures: [{ label: 'cost per customer', value: 12, unit: '' }] }
 */
export function normalizeBasis(input: NumberBasisInput): NumberBasis | undefined {
  const basis: { -readonly [K in keyof NumberBasis]: NumberBasis[K] } = {};
  for (const { key } of BASIS_PARTS) {
    const text = input[key]?.trim() ?? '';
    if (text !== '') basis[key] = text;
  }
  const figures = (input.figures ?? []).flatMap((f) => (f.label.trim() === '' ? [] : [{ label: f.label.trim(), value: f.value, unit: f.unit?.trim() ?? '' }]));
  if (figures.length > 0) basis.figures = figures;
  return Object.keys(basis).length === 0 ? undefined : basis;
}

/**
 * The bases after recording `given`: the bases the app last wrote that `given` does not name are kept, a named one is
 * replaced, and one given empty is removed.
 *
 * @example
 * mergeBases({ capacity: { notes: 'x' } }, { velocity: { notes: 'y' }, capacity: {} }) // { velocity: { notes: 'y' } }
 */
export function mergeBases(written: Readonly<Record<string, NumberBasis>> | undefined, given: Readonly<Record<string, NumberBasisInput>>): Record<string, NumberBasis> {
  const next: Record<string, NumberBasis> = { ...written };
  for (const [key, input] of Object.entries(given)) {
    const basis = normalizeBasis(input);
    if (basis === undefined) delete next[key];
    else next[key] = basis;
  }
  return next;
}
