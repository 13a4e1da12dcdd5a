/** Annotation documents for the LeRobot export tests, built from `[kind, label, start, endExclusive]` pieces. */
import type { AnnotationDoc, Outcome, Segment, SegmentKind, StepState } from '@/core/annotation'
import { SCHEMA_VERSION } from '@/core/annotation'

export type Piece = [kind: SegmentKind, label: string, start: number, end: number, state?: StepState]

/** A document from `[kind, label, start, endExclusive]` pieces. */
export function lerobotDoc(episodeIndex: number, fps: number, pieces: Piece[], outcome: Outcome = { kind: 'done' }): AnnotationDoc {
  const segments: Segment[] = pieces.map(([kind, label, start, end, state], i) => ({
    id: `s${i}`, kind, label, start, end, notes: '', state: state ?? 'completed',
  }))
  return {
    schemaVersion: SCHEMA_VERSION, dataset: 'test', episode: `episode_${String(episodeIndex).padStart(6, '0')}`, episodeIndex,
    task: 'pick', frameCount: pieces.at(-1)?.[3] ?? 0, fps, segments, outcome, provenance: {},
  }
}

/** §5: ep0 reach [0,14] grasp [15,29] lift [30,49]; ep1 reach [0,9] grasp [10,29] lift [30,39]; fps 10. */
export const WORKED_EXAMPLE = [
  lerobotDoc(0, 10, [['step', 'reach', 0, 15], ['step', 'grasp', 15, 30], ['step', 'lift', 30, 50]]),
  lerobotDoc(1, 10, [['step', 'reach', 0, 10], ['step', 'grasp', 10, 30], ['step', 'lift', 30, 40]]),
]
