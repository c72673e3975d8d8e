import type { Failure } from '../../shared/bridge';
import { Notice } from '../../shared/notice';

/** Why a save or a template did not go through; field problems are listed by the error summary instead. */
export function SaveFailure({ failure, listedAsFields, onLoadLatest }: {
  readonly failure: Failure | undefined;
  /** The problems are field errors, shown in the error summary. */
  readonly listedAsFields: boolean;
  readonly onLoadLatest: () => void;
}) {
  if (failure?.code === 'conflict') {
    return (
      <Notice
        appearance="warning"
        title="Someone else saved the configuration first"
        action={<button type="button" className="button" onClick={onLoadLatest}>Load the latest version (discards your changes)</button>}
      >
        <p>{failure.message}</p>
        <p>Your changes are not saved. Load the latest version and make them again, or export the latest to compare.</p>
      </Notice>
    );
  }
  if (failure === undefined || listedAsFields) return null;
  return (
    <Notice appearance="error" title="Not saved">
      <p>{failure.message}</p>
    </Notice>
  );
}
