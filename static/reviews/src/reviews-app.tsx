import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { ReviewsView } from '../../../src/contract';
import { resolverOf } from '../../shared/bridge';
import type { Failure } from '../../shared/bridge';
import { LoadError, Loading, Notice } from '../../shared/notice';
import { AtRiskSection } from './at-risk-section';
import { BenchTab } from './bench-tab';
import { dayAfter, dayOf, lastDayOf } from './format';
import { OverridesTab } from './overrides-tab';
import { BreachesNotice } from './breaches-notice';
import { QueueTab } from './queue-tab';
import { ThroughputTab } from './throughput-tab';

const call = resolverOf('reviews');

const TABS = [
  { key: 'queue', label: 'Queue' },
  { key: 'throughput', label: 'Throughput' },
  { key: 'bench', label: 'Bench depth' },
  { key: 'overrides', label: 'Overrides' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

interface Period {
  readonly from: string;
  readonly to: string;
}

type State = { readonly kind: 'loading' } | { readonly kind: 'failed'; readonly error: Failure } | { readonly kind: 'ready'; readonly view: ReviewsView };

/** Tabs as the WAI-ARIA pattern: arrow keys, Home and End move between them. */
function Tabs({ selected, onSelect }: { readonly selected: TabKey; readonly onSelect: (tab: TabKey) => void }) {
  const refs = useRef(new Map<TabKey, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>): void => {
    const index = TABS.findIndex((t) => t.key === selected);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = TABS[(next + TABS.length) % TABS.length];
    if (tab === undefined) return;
    onSelect(tab.key);
    refs.current.get(tab.key)?.focus();
  };
  return (
    <div role="tablist" aria-label="Reviews" className="tabs">
      {TABS.map((tab) => (
        <button
          key={tab.key}
          ref={(element) => {
            if (element) refs.current.set(tab.key, element);
          }}
          type="button"
          role="tab"
          id={`tab-${tab.key}`}
          aria-selected={tab.key === selected}
          aria-controls={`panel-${tab.key}`}
          tabIndex={tab.key === selected ? 0 : -1}
          className="tab"
          onClick={() => onSelect(tab.key)}
          onKeyDown={onKeyDown}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

/** The period picker: first and last day (UTC, both included), or one of the usual spans. */
function PeriodPicker({ period, onApply }: { readonly period: Period; readonly onApply: (period: Period) => void }) {
  // A new period remounts the picker (its key), so the fields start from it.
  const [from, setFrom] = useState(dayOf(period.from));
  const [last, setLast] = useState(lastDayOf(period.to));
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(last) && from <= last;
  const lastDays = (days: number): void => {
    const end = dayAfter(lastDayOf(period.to));
    const start = new Date(end);
    start.setUTCDate(start.getUTCDate() - days);
    onApply({ from: start.toISOString(), to: end });
  };
  return (
    <form
      className="period"
      aria-label="Period"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) onApply({ from: `${from}T00:00:00.000Z`, to: dayAfter(last) });
      }}
    >
      <label className="period-field">
        From
        <input type="date" value={from} onChange={(event) => setFrom(event.target.value)} required />
      </label>
      <label className="period-field">
        To
        <input type="date" value={last} onChange={(event) => setLast(event.target.value)} required aria-invalid={!valid} />
      </label>
      <button type="submit" className="button button-primary" disabled={!valid}>Show period</button>
      {[7, 30, 90].map((days) => (
        <button key={days} type="button" className="button button-subtle" onClick={() => lastDays(days)}>Last {days} days</button>
      ))}
      {valid ? null : <p className="field-error">The first day must not be after the last day.</p>}
      <p className="hint period-hint">Days in UTC; both days are included.</p>
    </form>
  );
}

/** The reviews project page: what waits on whom, review throughput, bench depth and overrides. */
export function ReviewsApp() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [period, setPeriod] = useState<Period>();
  const [tab, setTab] = useState<TabKey>('queue');
  const [mine, setMine] = useState(false);
  const [refreshing, setRefreshing] = useState(false);

  /** The period asked for (the last 30 days at first), and a count bumped to ask again. */
  const [wanted, setWanted] = useState<{ readonly period: Period | undefined; readonly attempt: number }>({ period: undefined, attempt: 0 });

  useEffect(() => {
    let current = true;
    const { period: asked } = wanted;
    void call('getReviews', asked === undefined ? {} : { from: asked.from, to: asked.to }).then((result) => {
      if (!current) return;
      setRefreshing(false);
      if (!result.ok) {
        setState({ kind: 'failed', error: result.error });
        return;
      }
      setState({ kind: 'ready', view: result.data });
      setPeriod({ from: result.data.from, to: result.data.to });
    });
    return () => {
      current = false;
    };
  }, [wanted]);

  /** Loads the page again for a period, keeping what is shown (marked busy) until the answer arrives. */
  const reload = (asked: Period | undefined): void => {
    setRefreshing(true);
    setWanted(({ attempt }) => ({ period: asked, attempt: attempt + 1 }));
  };

  if (state.kind === 'loading') return <Loading what="the reviews" />;
  if (state.kind === 'failed') return <LoadError message={state.error.message} onRetry={() => reload(period)} />;
  const { view } = state;
  if (!view.configured) {
    return (
      <Notice appearance="info" title="No Go-Live Gate in this project yet">
        <p>A project admin can set up the gate in Project settings → Go-Live Gate. The reviews appear here once tickets are gated.</p>
      </Notice>
    );
  }
  return (
    <div className="reviews" aria-busy={refreshing}>
      <h1>Go-Live Gate reviews</h1>
      <p className="subtle">
        {view.tickets} gated {view.tickets === 1 ? 'ticket' : 'tickets'} in {view.projectKey}.
      </p>
      {view.skipped.length === 0 ? null : (
        <Notice appearance="warning" title={`${view.skipped.length} ${view.skipped.length === 1 ? 'ticket is' : 'tickets are'} left out`}>
          <p>Their gate summary was changed outside the app or cannot be read: {view.skipped.join(', ')}. The next decision on a ticket rewrites its summary.</p>
        </Notice>
      )}
      {view.truncated ? (
        <Notice appearance="warning" title="Only the first 10,000 gated tickets are counted" />
      ) : null}
      <BreachesNotice view={view} />
      <AtRiskSection view={view} />
      {period === undefined ? null : <PeriodPicker key={`${period.from}/${period.to}`} period={period} onApply={reload} />}
      <Tabs selected={tab} onSelect={setTab} />
      {TABS.map((t) => (
        <section key={t.key} role="tabpanel" id={`panel-${t.key}`} aria-labelledby={`tab-${t.key}`} hidden={t.key !== tab} tabIndex={0} className="tab-panel">
          {t.key !== tab ? null : t.key === 'queue' ? (
            <QueueTab view={view} mine={mine} onMineChange={setMine} />
          ) : t.key === 'throughput' ? (
            <ThroughputTab view={view} />
          ) : t.key === 'bench' ? (
            <BenchTab view={view} />
          ) : (
            <OverridesTab view={view} />
          )}
        </section>
      ))}
    </div>
  );
}
