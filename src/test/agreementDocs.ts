/**
 * Annotation documents for the agreement tests (core, CLI, view), written as a list of steps so a case reads as
 * what the annotator drew: `labelled({ steps: [['Grasp.', 30], ['Lift.', 60]] })` is Grasp [0, 30), Lift [30, 60)
 * and a tail to the last frame.
 */
import type { AnnotationDoc, Outcome } from '@/core/annotation'
import { checkInvariants } from '@/core/annotation'
import { recordsToJsonl } from '@/core/formats/records'
import { docOf } from './docs'

export interface LabelledDoc {
  episode?: string
  dataset?: string
  /** Default 100. */
  frameCount?: number
  /** Frames before this are outside the task (default 0: none). */
  from?: number
  /** Each step's label and exclusive end; the first starts at `from`, each next one where the previous ended. */
  steps: readonly (readonly [label: string, end: number])[]
  /** Default done. The tail runs from the last step's end to `frameCount`, when there are frames left. */
  outcome?: Outcome
}

/** A sound document (`docOf`'s runs, from step ends); throws (a broken test, not a finding) when the steps do not fit. */
export function labelled({ episode = 'episode_000000', dataset = 'demo', frameCount = 100, from = 0, steps, outcome = { kind: 'done' } }: LabelledDoc): AnnotationDoc {
  const runs: [string, number][] = from > 0 ? [['outside', from]] : []
  let start = from
  for (const [label, end] of steps) {
    runs.push([label, end - start])
    start = end
  }
  if (start < frameCount) runs.push(['tail', frameCount - start])
  const doc: AnnotationDoc = { ...docOf(runs, { outcome, episode, proposal: false }), dataset, provenance: { sourceFormat: 'record' } }
  const broken = checkInvariants(doc)
  if (broken.length > 0 || doc.frameCount !== frameCount) throw new Error(`test document is unsound: ${[...broken, `${doc.frameCount} frames`].join('; ')}`)
  return doc
}

/** Three steps of 30 frames and a 10-frame tail: every step's default share is 1/3. */
export const THREE_STEPS = [['Grasp the cup.', 30], ['Lift the cup.', 60], ['Place the cup.', 90]] as const

/** A records file (JSON Lines), optionally with `review.reviewer` on every record, as a reviewed export carries it. */
export function recordsText(docs: readonly AnnotationDoc[], reviewer?: string): string {
  if (reviewer === undefined) return recordsToJsonl(docs)
  return recordsToJsonl(docs).split('\n').filter((l) => l !== '')
    .map((l) => JSON.stringify({ ...(JSON.parse(l) as object), review: { status: 'accepted', reviewer } }))
    .join('\n') + '\n'
}
