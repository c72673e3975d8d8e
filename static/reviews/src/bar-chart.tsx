/** One bar: its label, its value (for the length) and how the value reads. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly text: string;
}

const ROW = 22;
const LABEL_WIDTH = 150;
const BAR_WIDTH = 220;
const VALUE_WIDTH = 80;

/**
 * A small horizontal bar chart as inline SVG: the picture is one image named by `title` and every bar's number,
 * so a screen reader hears the figures; each bar shows its number beside it. Colours come from CSS (tokens).
 */
export function BarChart({ title, bars }: { readonly title: string; readonly bars: readonly Bar[] }) {
  if (bars.length === 0) return null;
  const max = Math.max(...bars.map((b) => b.value), 0);
  const height = bars.length * ROW;
  const label = `${title}: ${bars.map((b) => `${b.label} ${b.text}`).join(', ')}`;
  return (
    <figure className="chart">
      <figcaption className="chart-title">{title}</figcaption>
      <svg role="img" aria-label={label} viewBox={`0 0 ${LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH} ${height}`} width={LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH} height={height} className="chart-svg">
        {bars.map((bar, i) => {
          const width = max === 0 ? 0 : Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * BAR_WIDTH);
          const y = i * ROW;
          return (
            <g key={bar.label}>
              <text x={LABEL_WIDTH - 6} y={y + ROW / 2} className="chart-label" textAnchor="end" dominantBaseline="middle">{bar.label}</text>
              <rect x={LABEL_WIDTH} y={y + 4} width={width} height={ROW - 8} rx={2} className="chart-bar" />
              <text x={LABEL_WIDTH + width + 6} y={y + ROW / 2} className="chart-value" dominantBaseline="middle">{bar.text}</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
