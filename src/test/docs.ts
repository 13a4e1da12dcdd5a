/**
 * Small annotation documents for store and view tests: built in code, so each test shows the episode it uses.
 */
import type { AnnotationDoc, Outcome, Segment, SegmentKind } from '@/core/annotation'
import { SCHEMA_VERSION } from '@/core/annotation'

export function segment(id: string, start: number, end: number, kind: SegmentKind = 'step', label = ''): Segment {
  return { id, start, end, kind, label: kind === 'step' ? label : '', notes: '', state: 'completed' }
}

/**
 * A document from `[label, frames]` runs: a label is a step, `'tail'` the tail, `'outside'` an outside range.
 * The proposal is the document itself unless `proposal: false`.
 */
export function docOf(runs: readonly [string, number][], options: { outcome?: Outcome; proposal?: boolean; episode?: string } = {}): AnnotationDoc {
  let start = 0
  const segments = runs.map(([label, n], i) => {
    const kind: SegmentKind = label === 'tail' || label === 'outside' ? label : 'step'
    const s = segment(`s${i + 1}`, start, start + n, kind, label)
    start += n
    return s
  })
  const outcome = options.outcome ?? { kind: 'done' }
  return {
    schemaVersion: SCHEMA_VERSION, dataset: 'demo', episode: options.episode ?? 'episode_000000', episodeIndex: 0,
    task: 'put the cup on the plate', frameCount: start, fps: 30, segments, outcome,
    provenance: options.proposal === false ? {} : { sourceFormat: 'vlm-proposal', proposal: { segments, outcome } },
  }
}
