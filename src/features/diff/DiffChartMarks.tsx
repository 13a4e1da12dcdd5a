import { memo, useMemo } from 'react'
import type { CurvePoint } from '@/core/downsample'
import { lttb } from '@/core/downsample'
import type { FrameView } from '@/core/time'
import { frameToPx } from '@/core/time'
import { proposalProgress, targetProgress } from '@/stores/annotationDerived'
import { targetChangeOf } from '@/stores/diffDerived'
import { selectDoc, useAnnotation } from '@/stores/annotationStore'
import { frameView, useTimelineView } from '@/stores/timelineStore'
import { pointsText } from './diffText'

/** The progress plot's geometry, as the chart draws it: a value in [0, 1] spans the height less `pad` at each end. */
export interface PlotGeometry {
  width: number
  height: number
  pad: number
}

function pathOf(points: readonly CurvePoint[], view: FrameView, y: (v: number) => number): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${frameToPx(p.x, view).toFixed(1)},${y(p.y).toFixed(1)}`).join('')
}

/**
 * On the progress chart, with the diff shown: the band between the proposal's target and the corrected one, and
 * the frame where they are furthest apart, marked with both values and the gap. Drawn from the same memoised
 * targets as the chart's curves; the playhead never reaches here.
 */
// Plain-valued props: the chart re-renders on every hover move, and this need not.
export const DiffChartMarks = memo(function DiffChartMarks({ width, height, pad, similarities }: PlotGeometry & { similarities: Float64Array | undefined }) {
  const doc = useAnnotation(selectDoc)
  const { view, start, span, widthPx } = useTimelineView()
  const proposal = doc === undefined ? undefined : proposalProgress(doc, similarities)
  const target = doc === undefined ? undefined : targetProgress(doc, similarities)
  const change = doc === undefined ? undefined : targetChangeOf(doc, similarities)
  const y = (v: number) => pad + (1 - v) * (height - 2 * pad)
  const band = useMemo(() => {
    if (proposal === undefined || target === undefined) return ''
    const at = (v: number) => pad + (1 - v) * (height - 2 * pad)
    const window = frameView({ widthPx, start, span })
    const range = { from: Math.floor(start), to: Math.ceil(start + span) + 1, offset: 0.5 }
    const budget = Math.max(16, widthPx / 2)
    const upper = lttb(target.progress, range, budget)
    const lower = lttb(proposal.progress, range, budget).reverse()
    if (upper.length === 0) return ''
    return `${pathOf(upper, window, at)}L${pathOf(lower, window, at).slice(1)}Z`
  }, [proposal, target, start, span, widthPx, height, pad])
  if (change === undefined || change.maxAbs < 0.0005) return null
  const x = frameToPx(change.maxFrame + 0.5, view)
  const inView = x >= 0 && x <= width
  const top = Math.min(y(change.before), y(change.after))
  const bottom = Math.max(y(change.before), y(change.after))
  return (
    <svg className="pointer-events-none absolute inset-0 overflow-visible" width={width} height={height} data-testid="diff-chart-marks" data-max-frame={change.maxFrame}>
      <path d={band} fill="#f59e0b" fillOpacity={0.14} stroke="none" />
      {inView && (
        <g>
          <line x1={x} x2={x} y1={0} y2={height} stroke="#fbbf24" strokeDasharray="2 2" strokeOpacity={0.7} />
          <line x1={x} x2={x} y1={top} y2={bottom} stroke="#fbbf24" strokeWidth={2} />
          <circle cx={x} cy={y(change.before)} r={2.5} fill="#f59e0b" />
          <circle cx={x} cy={y(change.after)} r={2.5} fill="#38bdf8" />
          <text
            x={x > width - 150 ? x - 4 : x + 4}
            y={Math.max(10, top - 3)}
            textAnchor={x > width - 150 ? 'end' : 'start'}
            className="fill-amber-200 font-mono text-[10px]"
            style={{ paintOrder: 'stroke', stroke: '#09090b', strokeWidth: 3 }}
          >
            max |Δ| {pointsText(change.maxAbs)} @ {change.maxFrame}
          </text>
        </g>
      )}
    </svg>
  )
})
