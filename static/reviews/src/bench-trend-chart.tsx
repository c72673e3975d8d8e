import type { TeamBenchTrend } from '../../../src/gate/review-bench-trend';

const SPAN_WIDTH = 28;
const HEIGHT = 48;
const BAR_GAP = 6;

const percent = (share: number | undefined): string => (share === undefined ? 'no decisions' : `busiest person ${Math.round(share * 100)}%`);
const eligibleText = (n: number | undefined): string => (n === undefined ? 'bench not yet recorded' : `${n} could approve`);

/**
 * One team's bench over the period as a small SVG: a bar per span for how many people could approve (on a scale shared
 * by every team, `maxEligible`), and a dot for the busiest person's share of the span's decisions (top = all of them).
 * The picture is one image whose name carries every figure; colours come from CSS.
 */
export function BenchTrendChart({ trend, maxEligible }: { readonly trend: TeamBenchTrend; readonly maxEligible: number }) {
  const width = trend.points.length * SPAN_WIDTH;
  const spans = trend.points.map((p) => [`from ${p.from}`, eligibleText(p.eligible), `${p.decisions} decisions`, ...(p.concentration === undefined ? [] : [percent(p.concentration)])].join(', '));
  const label = `${trend.name} over time: ${spans.join('; ')}`;
  const line = trend.points.flatMap((p, i) => (p.concentration === undefined ? [] : [`${i * SPAN_WIDTH + SPAN_WIDTH / 2},${HEIGHT - p.concentration * (HEIGHT - 4) - 2}`]));
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${HEIGHT}`} width={width} height={HEIGHT} className="trend-svg">
      <line x1={0} x2={width} y1={HEIGHT / 2} y2={HEIGHT / 2} className="trend-half" />
      {trend.points.map((p, i) => {
        const height = p.eligible === undefined || maxEligible === 0 ? 0 : Math.max(2, (p.eligible / maxEligible) * (HEIGHT - 4));
        return <rect key={p.from} x={i * SPAN_WIDTH + BAR_GAP / 2} y={HEIGHT - height} width={SPAN_WIDTH - BAR_GAP} height={height} rx={2} className="trend-bar" />;
      })}
      {line.length > 1 ? <polyline points={line.join(' ')} className="trend-line" /> : null}
      {line.map((point) => {
        const [x, y] = point.split(',');
        return <circle key={point} cx={x} cy={y} r={3} className="trend-dot" />;
      })}
    </svg>
  );
}

/** The last span's figures, as words beside the chart. */
export function latestBench(trend: TeamBenchTrend): string {
  const last = trend.points.at(-1);
  return last === undefined ? '–' : `${eligibleText(last.eligible)}; ${percent(last.concentration)}`;
}
