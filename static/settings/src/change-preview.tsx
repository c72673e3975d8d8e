import { useEffect, useId, useRef, useState } from 'react';
import type { ConfigChangePreview } from '../../../src/contract';
import { Notice } from '../../shared/notice';

/** The select's value for "leave the validator as it is" (not a stage key, so it cannot collide with one). */
const LEAVE = '';

const names = (items: readonly { readonly name: string }[]): string => items.map((i) => i.name).join(', ');

/** One line of the change list, left out when nothing changes there. */
function ChangeLine({ label, items }: { readonly label: string; readonly items: string }) {
  return items === '' ? null : (
    <li>
      <strong>{label}:</strong> {items}
    </li>
  );
}

/**
 * What a template or an imported file would change, shown before anything is saved: teams, stages, groups and policies
 * added or removed, the workflow validators that would name a stage that no longer exists (each with a stage to map it
 * to), and the groups nobody is in. Nothing is saved until the admin confirms.
 */
export function ChangePreview({ preview, action, busy, onConfirm, onCancel }: {
  readonly preview: ConfigChangePreview;
  /** "Apply the template" or "Import the file": the confirm button's words. */
  readonly action: string;
  readonly busy: boolean;
  readonly onConfirm: (stageMapping: Record<string, string>) => void;
  readonly onCancel: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const [mapping, setMapping] = useState<Record<string, string>>({});
  useEffect(() => {
    // The preview is what the admin's action produced: focus goes to it.
    headingRef.current?.focus();
  }, [preview]);

  const { change } = preview;
  const stageKeys = [...new Set(preview.orphanedValidators.map((v) => v.stage))];
  const unmapped = stageKeys.filter((stage) => (mapping[stage] ?? LEAVE) === LEAVE);
  if (preview.problems.length > 0 || change === undefined) {
    return (
      <section className="change-preview card" aria-labelledby={headingId}>
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>Nothing can be saved from {preview.source}</h2>
        <Notice appearance="error" title={`Nothing was imported: ${preview.problems.length} ${preview.problems.length === 1 ? 'problem' : 'problems'}`}>
          <ul aria-label="Problems in the file">
            {preview.problems.map((problem) => <li key={problem}>{problem}</li>)}
          </ul>
        </Notice>
        <div className="buttons">
          <button type="button" className="button" onClick={onCancel}>Close</button>
        </div>
      </section>
    );
  }
  const confirm = (): void => {
    onConfirm(Object.fromEntries(Object.entries(mapping).filter(([, to]) => to !== LEAVE)));
  };
  return (
    <section className="change-preview card" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>Before you replace the configuration with {preview.source}</h2>
      <p className="subtle">Nothing is saved until you confirm. Decisions already recorded on issues stay.</p>
      <h3>What changes</h3>
      <ul className="change-list" aria-label="What changes">
        <ChangeLine label="Teams added" items={names(change.teamsAdded)} />
        <ChangeLine label="Teams removed" items={names(change.teamsRemoved)} />
        <ChangeLine label="Stages added" items={names(change.stagesAdded)} />
        <ChangeLine label="Stages removed" items={names(change.stagesRemoved)} />
        <ChangeLine label="Groups added" items={change.groupsAdded.join(', ')} />
        <ChangeLine label="Groups no longer used" items={change.groupsRemoved.join(', ')} />
        {change.policies.map((policy) => <li key={policy}><strong>Policy:</strong> {policy}</li>)}
      </ul>
      {preview.orphanedValidators.length === 0 ? null : (
        <section aria-labelledby={`${headingId}-validators`}>
          <h3 id={`${headingId}-validators`}>Workflow validators that name a stage that will no longer exist</h3>
          <p className="subtle">Without a stage to enforce, Jira refuses these transitions. Choose the stage each now stands for; the validators keep their configuration and the gate maps it.</p>
          <ul className="orphans" aria-label="Validators to map">
            {stageKeys.map((stage) => {
              const validators = preview.orphanedValidators.filter((v) => v.stage === stage);
              const id = `${headingId}-map-${stage}`;
              const stageName = validators[0]?.stageName ?? stage;
              return (
                <li key={stage} className="orphan">
                  <label htmlFor={id}>
                    {validators.map((v) => `${v.transition} (${v.workflow})`).join(', ')} {validators.length === 1 ? 'enforces' : 'enforce'} “{stageName}”: enforce instead
                  </label>
                  <select id={id} value={mapping[stage] ?? LEAVE} onChange={(e) => setMapping({ ...mapping, [stage]: e.target.value })}>
                    <option value={LEAVE}>Nothing: refuse the transition</option>
                    {preview.stages.map((s) => <option key={s.key} value={s.key}>{s.name}</option>)}
                  </select>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {preview.validatorsUnknown === undefined ? null : (
        <Notice appearance="warning" title="The workflow validators could not be checked">
          <p>{preview.validatorsUnknown} A validator naming a removed stage will refuse its transition until a Jira admin edits it.</p>
        </Notice>
      )}
      {preview.emptyGroups.length === 0 ? null : (
        <Notice appearance="warning" title={`${preview.emptyGroups.length} ${preview.emptyGroups.length === 1 ? 'group has' : 'groups have'} nobody in ${preview.emptyGroups.length === 1 ? 'it' : 'them'}`}>
          <ul aria-label="Groups nobody is in">
            {preview.emptyGroups.map((g) => (
              <li key={g.group}>
                <code>{g.group}</code> ({g.usedBy.join(', ')}) {g.exists
                  ? 'exists but has no members: nobody can act through it until a Jira admin adds people.'
                  : 'does not exist in Jira: nobody can act through it until a Jira admin creates it and adds people.'}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      {unmapped.length === 0 ? null : (
        <p className="field-error" role="note">
          {unmapped.length === 1 ? 'One stage' : `${unmapped.length} stages`} stay unmapped: {unmapped.length === 1 ? 'its' : 'their'} transitions will be refused.
        </p>
      )}
      <div className="buttons">
        <button type="button" className="button button-primary" disabled={busy} onClick={confirm}>{busy ? 'Saving…' : action}</button>
        <button type="button" className="button button-subtle" disabled={busy} onClick={onCancel}>Cancel</button>
      </div>
    </section>
  );
}
