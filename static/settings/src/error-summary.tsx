import { useEffect, useRef } from 'react';
import type { FieldError } from '../../../src/gate/config';
import type { GateConfigV2 as GateConfig } from '../../../src/gate/v2/config';
import { describePath, focusPath } from './error-paths';

/** Why nothing was saved: every problem, each a link to its field; takes the focus when the problems change. */
export function ErrorSummary({ draft, errors }: { readonly draft: GateConfig; readonly errors: readonly FieldError[] }) {
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    summary.current?.focus();
  }, [errors]);
  return (
    <div ref={summary} tabIndex={-1} className="error-summary" role="alert" aria-labelledby="error-summary-heading">
      <h2 id="error-summary-heading">Nothing was saved: fix {errors.length === 1 ? 'this problem' : `these ${errors.length} problems`}</h2>
      <ul>
        {errors.map((e, i) => (
          <li key={i}>
            <button type="button" className="button-link" onClick={() => focusPath(e.path)}>
              {describePath(draft, e.path)}
            </button>
            : {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
