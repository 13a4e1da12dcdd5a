import type { Histogram } from '@/core/metrics/corpusScores'

const WIDTH = 160
const HEIGHT = 48

/**
 * One metric's distribution as plain SVG bars on the metric's fixed axis (`BIN_SPECS`), so two models' plots of
 * the same metric compare at a glance. Each bar's title gives its range and count.
 */
export function MetricHistogram({ label, histogram }: { label: string; histogram: Histogram }) {
  const { counts, min, max, bins } = histogram
  const top = Math.max(1, ...counts)
  const barWidth = WIDTH / bins
  const width = (max - min) / bins
  return (
    <figure className="flex flex-col gap-0.5">
      <figcaption className="text-[11px] uppercase tracking-wide text-zinc-500">{label}</figcaption>
      <svg width={WIDTH} height={HEIGHT + 12} role="img" aria-label={`${label} histogram`} className="text-sky-400">
        {counts.map((count, i) => {
          const h = (count / top) * HEIGHT
          const from = min + i * width
          return (
            <rect key={i} x={i * barWidth + 1} y={HEIGHT - h} width={barWidth - 2} height={h} fill="currentColor">
              <title>{`${from.toFixed(1)} to ${(from + width).toFixed(1)}${i === bins - 1 ? ' and above' : ''}: ${count}`}</title>
            </rect>
          )
        })}
        <line x1={0} x2={WIDTH} y1={HEIGHT + 0.5} y2={HEIGHT + 0.5} stroke="#3f3f46" />
        <text x={0} y={HEIGHT + 11} fontSize={9} fill="#71717a">{min}</text>
        <text x={WIDTH} y={HEIGHT + 11} fontSize={9} fill="#71717a" textAnchor="end">{max}</text>
      </svg>
    </figure>
  )
}
