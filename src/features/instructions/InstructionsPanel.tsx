import { DEFAULT_DIVERGENCE_THRESHOLD } from '@/core/instructionDivergence'
import type { PredictionCurve } from '@/data/annotations/episodePredictions'
import { playbackStore } from '@/stores/playbackStore'
import { divergencesOf } from './instructionPairs'

function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

/**
 * Zero-shot reward editing in the inspector: each model run under two instructions, and where its curves part
 * (more than 10 points apart); a click goes to the first frame they part at. Shown only when some model was run
 * under more than one instruction.
 */
export function InstructionsPanel({ predictions }: { predictions: readonly PredictionCurve[] }) {
  const pairs = divergencesOf(predictions)
  if (pairs.length === 0) return null
  return (
    <section className="space-y-1.5" aria-label="Instructions compared" data-testid="instructions-panel">
      <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-500">Instructions compared</h3>
      {pairs.map((d) => {
        const first = d.ranges[0]
        return (
          <div key={`${d.model}:${d.instructions.join('|')}`} className="space-y-0.5 text-xs">
            <div className="text-zinc-200">{d.model}</div>
            <div className="text-zinc-400" title={d.instructions[0]}>A: “{short(d.instructions[0])}”</div>
            <div className="text-zinc-400" title={d.instructions[1]}>B: “{short(d.instructions[1])}”</div>
            {first === undefined
              ? <div className="text-zinc-500">never more than {DEFAULT_DIVERGENCE_THRESHOLD} points apart (largest gap {d.maxGap.toFixed(1)})</div>
              : (
                <button type="button" className="text-left text-orange-300 hover:underline" onClick={() => playbackStore.getState().seek(first.start, 'user')}
                  title={d.ranges.map((r) => `frames ${r.start}–${r.end - 1}`).join(', ')}>
                  part at frame {first.start} ({d.ranges.length} stretch{d.ranges.length === 1 ? '' : 'es'}; largest gap {d.maxGap.toFixed(1)} points at frame {d.maxFrame ?? '–'})
                </button>
              )}
          </div>
        )
      })}
    </section>
  )
}
