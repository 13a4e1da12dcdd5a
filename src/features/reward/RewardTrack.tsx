import { memo, useMemo } from 'react'
import type { PointerEvent } from 'react'
import type { PredictionCurve } from '@/data/annotations/episodePredictions'
import { clampFrame, pxToFrame } from '@/core/time'
import { selectCommittedDoc, useAnnotation } from '@/stores/annotationStore'
import { playbackStore } from '@/stores/playbackStore'
import { curveRewards } from '@/stores/rewardDerived'
import { useReward } from '@/stores/rewardStore'
import { frameView, timelineStore, useTimelineView } from '@/stores/timelineStore'
import { barsPath, returnPath, returnRange, rewardScale, stripRuns } from './rewardPaths'

/** The row's height in px (the editor takes it from the progress plot: small, so that with the diff's row too the plot keeps 40 px at 720 px tall). */
export const REWARD_TRACK_HEIGHT = 36
const STRIP = 6
/** The bars' band inside the row, as the figure's axes need it: px above it and below it (the strip's room). */
export const REWARD_PLOT_PAD = { top: 2, bottom: STRIP + 3 }

export const KEEP_COLOR = '#22c55e'
export const DROP_COLOR = '#ef4444'
const BAR_COLOR = '#a1a1aa'

/**
 * The reward of the chosen curve along the timeline, frame for frame with it: each step's reward as a bar (full
 * height = the curve's largest |r|, at most c), the return as a line in the curve's colour (its own scale: 0 to its largest), and under them the
 * frames the advantage filter keeps (green) or drops (red). Follows committed edits; the playhead is the
 * timeline's own layer, so stepping frames never re-renders this row.
 */
export const RewardTrack = memo(function RewardTrack({ similarities, predictions, color, name }: {
  similarities: Float64Array | undefined
  predictions: readonly PredictionCurve[]
  /** The chosen curve's colour and name (the progress chart's). */
  color: string
  name: string
}) {
  const doc = useAnnotation(selectCommittedDoc)
  const settings = useReward((s) => s.settings)
  const key = useReward((s) => s.curve)
  const { widthPx, start, span } = useTimelineView()
  const all = useMemo(() => (doc === undefined ? undefined : curveRewards(doc, similarities, predictions, settings)), [doc, similarities, predictions, settings])
  const chosen = all?.find((c) => c.key === key) ?? all?.[0]
  const h = REWARD_TRACK_HEIGHT
  const drawing = useMemo(() => {
    if (chosen === undefined || widthPx <= 0) return undefined
    const view = frameView({ widthPx, start, span })
    const range = { from: start, to: start + span }
    const top = REWARD_PLOT_PAD.top
    const bottom = h - REWARD_PLOT_PAD.bottom
    const mid = (top + bottom) / 2
    const scale = rewardScale(chosen.rewards.rewards, settings.clip)
    const { lo, hi } = returnRange(chosen.rewards.cumulative)
    return {
      mid, scale, lo, hi,
      bars: barsPath(chosen.rewards.rewards, range, view, (r) => mid - (Math.max(-scale, Math.min(scale, r)) / scale) * (bottom - top) / 2),
      line: returnPath(chosen.rewards.cumulative, { ...range, budget: Math.max(16, widthPx / 2) }, view, (v) => bottom - ((v - lo) / (hi - lo)) * (bottom - top)),
      strip: stripRuns(chosen.runs, range, view),
    }
  }, [chosen, widthPx, start, span, settings.clip, h])
  if (doc === undefined || chosen === undefined || drawing === undefined) return <div style={{ height: h }} />

  const frameAt = (e: PointerEvent<HTMLDivElement>) => clampFrame(pxToFrame(e.clientX - e.currentTarget.getBoundingClientRect().left, frameView(timelineStore.getState())), doc.frameCount)
  return (
    <div
      className="relative cursor-crosshair"
      style={{ height: h, width: widthPx }}
      data-testid="reward-track"
      data-curve={chosen.key}
      data-total={chosen.rewards.total}
      data-kept={chosen.filter.keptFraction}
      title={`${name}: per-step reward (bars, full height ±${drawing.scale.toPrecision(2)}), return (line, 0 to ${drawing.hi.toFixed(2)}); strip: frames the advantage filter keeps (green) or drops (red)`}
      onPointerDown={(e) => {
        if (e.button !== 0) return
        playbackStore.getState().pause()
        playbackStore.getState().seek(frameAt(e), 'user')
      }}
    >
      <svg className="pointer-events-none absolute inset-0" width={widthPx} height={h} aria-hidden
        data-reward-scale={drawing.scale} data-return-min={drawing.lo} data-return-max={drawing.hi}>
        <line x1={0} x2={widthPx} y1={drawing.mid} y2={drawing.mid} stroke="#52525b" strokeWidth={0.5} />
        <path d={drawing.bars} fill={BAR_COLOR} data-layer="rewards" />
        <path d={drawing.line} fill="none" stroke={color} strokeWidth={1.5} strokeLinejoin="round" data-layer="return" />
        <g data-layer="keep">
          {drawing.strip.map((r) => <rect key={r.x} x={r.x} y={h - STRIP} width={Math.max(0.5, r.width)} height={STRIP} fill={r.keep ? KEEP_COLOR : DROP_COLOR} data-keep={r.keep ? 1 : 0} />)}
        </g>
      </svg>
    </div>
  )
})
