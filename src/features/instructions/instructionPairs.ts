/**
 * The chart's model curves as instruction curves: one per model and instruction, the instruction being the one
 * the curve was prompted with (its file's `task`, a loaded file's tag) or, lacking both, its tag or "as given".
 * Memoised per predictions array, so the marks and the panel share one computation.
 */
import type { InstructionCurve, InstructionDivergence } from '@/core/instructionDivergence'
import { instructionDivergences } from '@/core/instructionDivergence'
import type { PredictionCurve } from '@/data/annotations/episodePredictions'

function instructionOf(curve: PredictionCurve): string {
  return curve.task ?? curve.tag ?? 'as given'
}

const memo = new WeakMap<readonly PredictionCurve[], InstructionDivergence[]>()

export function divergencesOf(predictions: readonly PredictionCurve[]): InstructionDivergence[] {
  const known = memo.get(predictions)
  if (known !== undefined) return known
  const curves: InstructionCurve[] = predictions.map((p) => ({
    model: p.model, instruction: instructionOf(p),
    frames: p.frames.map((f) => ({ frameIndex: f.frameIndex, progress: f.source === 'previous' ? Number.NaN : f.progress })),
  }))
  const found = instructionDivergences(curves)
  memo.set(predictions, found)
  return found
}
