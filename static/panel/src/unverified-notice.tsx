import type { RecordIntegrity } from '../../../src/contract';
import { Notice } from '../../shared/notice';
import { describeProblem } from '../../../src/gate/integrity-words';

/** Records the app cannot vouch for do not count; this says which and how to repair them. */
export function UnverifiedNotice({ unverified }: { readonly unverified: readonly RecordIntegrity[] }) {
  if (unverified.length === 0) return null;
  return (
    <Notice appearance="warning" title={unverified.length === 1 ? 'One record could not be verified and does not count' : `${unverified.length} records could not be verified and do not count`}>
      <ul>
        {unverified.map((item) => (
          <li key={item.propertyKey}>
            <code>{item.propertyKey}</code> {describeProblem(item.problem)}. <strong>To fix:</strong> {item.fix}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
