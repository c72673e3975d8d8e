import { useCallback, useEffect, useRef, useState } from 'react';
import type { GateRecordsV2, GateView, ResolverResult } from '../../../src/contract';
import type { VerdictV2 } from '../../../src/gate/v2/verdict';
import { currentVerdict } from '../../../src/gate/stages';
import { refreshIssueView } from '../../shared/bridge';
import type { Failure } from '../../shared/bridge';
import { LoadError, Loading, Notice } from '../../shared/notice';
import { usePeople } from '../../shared/people';
import { call } from './panel-call';
import type { Act, PanelProps } from './panel-section';
import { ReleaseDeadlines } from './release-deadlines';
import { PANEL_SECTIONS } from './sections';
import { SectionDisclosure } from './section-disclosure';
import { ShadowReviews } from './shadow-reviews';
import { StageVerdict } from './stage-verdict';
import { PassedStages } from './passed-stages';
import { TeamMatrix } from './team-matrix';
import { UnverifiedNotice } from './unverified-notice';
import { WaiverList } from './waivers';
import { YourDecisions } from './your-decisions';

type Load = { readonly status: 'loading' } | { readonly status: 'failed'; readonly error: Failure } | { readonly status: 'ready'; readonly gate: GateView };

/** The outcome of the last action; `seq` tells two equal sentences apart, so focus moves each time. */
interface Outcome {
  readonly text: string;
  readonly seq: number;
}

/**
 * The issue panel: what is asked of the viewer first, the current stage's verdict, the teams × stages matrix, then the
 * sections that open on demand. One getGate on open (`firstGate`, when the script sent it before the first render);
 * every action's answer replaces the view.
 */
export function PanelApp({ firstGate }: { readonly firstGate?: Promise<ResolverResult<GateView>> }) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  const nameOfAccount = usePeople(load.status === 'ready' ? accountsIn(load.gate, load.gate.recordsV2, load.gate.verdictsV2) : []);

  /** Bumped to load the gate again (after a failed load). */
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    // An effect runs after the first paint; the first load's request left before the first render.
    void (attempt === 0 && firstGate !== undefined ? firstGate : call('getGate')).then((result) => {
      if (current) setLoad(result.ok ? { status: 'ready', gate: result.data } : { status: 'failed', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [attempt, firstGate]);

  useEffect(() => {
    // The control the user pressed may be gone from the new view: focus goes to what happened instead of the page body.
    if (outcome !== undefined) outcomeRef.current?.focus();
  }, [outcome]);

  const act: Act = useCallback(async (run: () => Promise<ResolverResult<GateView>>, done: string): Promise<Failure | undefined> => {
    const result = await run();
    if (!result.ok) return result.error;
    setLoad({ status: 'ready', gate: result.data });
    setOutcome((previous) => ({ text: done, seq: (previous?.seq ?? 0) + 1 }));
    refreshIssueView();
    return undefined;
  }, []);

  if (load.status === 'loading') return <Loading what="the go-live gate" />;
  if (load.status === 'failed') {
    const retry = (): void => {
      setLoad({ status: 'loading' });
      setAttempt((n) => n + 1);
    };
    return <FailedLoad error={load.error} onRetry={retry} />;
  }

  const { gate } = load;
  const { configV2: config, verdictsV2: verdicts, recordsV2: records } = gate;
  const current = verdicts === undefined ? undefined : currentVerdict(verdicts);
  if (!gate.configured || gate.config === undefined) return <NotConfigured />;
  if (config === undefined || verdicts === undefined || records === undefined || current === undefined) {
    // A backend older than this panel answers without the model v2 fields: say so rather than show nothing.
    return <LoadError message="The app answered without the gate's per-stage verdicts (model v2): its backend is older than this panel. Reload once the app is updated." onRetry={() => setAttempt((n) => n + 1)} />;
  }
  if (gate.gated === false) {
    return (
      <main className="panel" aria-label={`Go-Live Gate for ${gate.issue.key}`}>
        <p className="not-gated">{gate.notGatedReason ?? current.message}</p>
      </main>
    );
  }
  const accounts = accountsIn(gate, records, verdicts);

  const props: PanelProps = {
    gate,
    config,
    current,
    verdicts,
    records,
    stagePermissions: gate.stagePermissions ?? [],
    waiverPermissions: gate.waiverPermissions ?? [],
    nameOf: (accountId) => (accountId === gate.me.accountId ? 'you' : nameOfAccount(accountId)),
    fullNameOf: nameOfAccount,
    stageName: (key) => config.stages.find((s) => s.key === key)?.name ?? key,
    teamName: (key) => config.teams.find((t) => t.key === key)?.name ?? key,
    withNames: (text) => namesFor(text, accounts, nameOfAccount),
    act,
  };

  return (
    <main className="panel" aria-label={`Go-Live Gate for ${gate.issue.key}`}>
      <p className="live-region live-success" role="status" aria-live="polite" tabIndex={-1} ref={outcomeRef}>
        {outcome?.text ?? ''}
      </p>
      <UnverifiedNotice unverified={gate.unverified} />
      <YourDecisions {...props} />
      <StageVerdict {...props} />
      <PassedStages {...props} />
      <WaiverList {...props} />
      <TeamMatrix {...props} />
      <ReleaseDeadlines verdicts={gate.verdicts} now={gate.now} nameOf={props.nameOf} onGrant={(payload, name) => props.act(() => call('grantException', payload), `Exception granted for ${name}.`)} />
      <ShadowReviews />
      <div className="panel-sections">
        {PANEL_SECTIONS.map((section) => <SectionDisclosure key={section.key} section={section} props={props} />)}
      </div>
    </main>
  );
}

/** Every account the first view names: deciders, recorders, waivers, overriders and audit actors, the viewer too (avatars). */
function accountsIn(gate: GateView, records: GateRecordsV2 | undefined, verdicts: readonly VerdictV2[] | undefined): string[] {
  if (records === undefined || verdicts === undefined) return [];
  return [
    ...records.decisions.map((d) => d.by),
    ...Object.values(records.legacy).map((d) => d.by),
    ...records.waivers.map((w) => w.by),
    ...Object.values(records.passes).map((p) => p.by),
    ...Object.values(gate.records.overrides).map((o) => o.by),
    ...(records.numbers === undefined ? [] : [records.numbers.by, ...Object.values(records.numbers.recordedBy ?? {})]),
    ...(records.answers === undefined ? [] : [records.answers.by, ...Object.values(records.answers.answeredBy ?? {})]),
    ...verdicts.flatMap((v) => v.teams.flatMap((t) => [...t.approvals.map((a) => a.by), ...t.declines.map((d) => d.by)])),
    ...(gate.issue.reporterAccountId === undefined ? [] : [gate.issue.reporterAccountId]),
    ...gate.audit.events.map((e) => e.actor),
  ];
}

/**
 * A sentence of the rules (a team's reason, a waiver's) with the account ids it names replaced by names: the rules
 * are pure and know no names, and an account id means nothing to a reader. Longer ids first, so no id eats another.
 */
function namesFor(text: string, accounts: readonly string[], nameOf: (accountId: string) => string): string {
  return [...new Set(accounts)].sort((a, b) => b.length - a.length).reduce((out, id) => (out.includes(id) ? out.split(id).join(nameOf(id)) : out), text);
}
/** A failed first load, worded by what the user can do about it. */
function FailedLoad({ error, onRetry }: { readonly error: Failure; readonly onRetry: () => void }) {
  if (error.code === 'forbidden') {
    return (
      <Notice appearance="warning" title="You can’t see this gate">
        <p>{error.message}</p>
        <p>Ask a project admin for access to this project.</p>
      </Notice>
    );
  }
  if (error.code === 'not-found') {
    return (
      <Notice appearance="warning" title="This issue’s gate can’t be shown">
        <p>{error.message}</p>
        <p>The issue may have been moved or deleted, or you may have lost access to it: reload the issue, or ask a project admin.</p>
      </Notice>
    );
  }
  if (error.code === 'not-configured') {
    return <NotConfigured />;
  }
  return <LoadError message={error.message} onRetry={onRetry} />;
}

/** The project has no gate yet: nothing to show, and who can set it up. */
function NotConfigured() {
  return (
    <Notice appearance="info" title="No gate configured">
      <p>This project has no gate configured — a project admin can set it up in Project settings → Go-Live Gate.</p>
    </Notice>
  );
}
