import { memo } from 'react'
import { frameToPx } from '@/core/time'
import type { PredictionCurve } from '@/data/annotations/episodePredictions'
import { useTimelineView } from '@/stores/timelineStore'
import { divergencesOf } from './instructionPairs'

/**
 * On the progress chart: where a model's curves under two instructions part by more than 10 points, a band
 * along the plot's foot (one row per pair), so zero-shot reward editing shows where the instruction mattered.
 */
export const InstructionMarks = memo(function InstructionMarks({ width, height, predictions }: { width: number; height: number; predictions: readonly PredictionCurve[] }) {
  const { view } = useTimelineView()
  const pairs = divergencesOf(predictions).filter((d) => d.ranges.length > 0)
  if (pairs.length === 0) return null
  return (
    <svg className="pointer-events-none absolute inset-0" width={width} height={height} data-testid="instruction-marks" aria-hidden>
      {pairs.map((d, row) => d.ranges.map((r) => {
        const x0 = Math.max(0, frameToPx(r.start, view))
        const x1 = Math.min(width, frameToPx(r.end, view))
        if (x1 <= x0) return null
        return <rect key={`${row}-${r.start}`} x={x0} y={height - 4 - row * 5} width={x1 - x0} height={3} fill="#fb923c" opacity={0.8} data-range={`${r.start}-${r.end}`} />
      }))}
    </svg>
  )
})
