import type { ConfigView } from '../../../src/contract';
import { usePeople } from '../../shared/people';
import { RelativeTime } from '../../shared/time';

/** Which version is saved, by whom and when; or that no gate is configured yet. */
export function SavedVersion({ view }: { readonly view: ConfigView }) {
  const nameOf = usePeople(view.savedBy === undefined ? [] : [view.savedBy]);
  return (
    <p className="subtle">
      {view.config === undefined ? 'No gate is configured yet: issues in this project can move freely.' : (
        <>
          Version {view.config.version}
          {view.savedBy === undefined ? '' : `, saved by ${nameOf(view.savedBy)}`}
          {view.savedAt === undefined ? '' : ' '}
          {view.savedAt === undefined ? null : <RelativeTime at={view.savedAt} now={new Date().toISOString()} />}.
        </>
      )}
    </p>
  );
}
