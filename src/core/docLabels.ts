/**
 * The per-frame labels of an annotation document as the document itself shows them (the one-shot annotator's
 * view: steps keep their names, incomplete ones too; the tail is `done` or `not done`; outside is `null`).
 * What ProcVLM's pipeline sees instead is the flattened export, `formats/docToFlat.ts`.
 */
import type { AnnotationDoc, Segment } from './annotation'

/** ProcVLM's tail label for a finished task, lower case as its flattener writes it. */
export const DONE_LABEL = 'done'
/** ProcVLM's tail label for a task that failed with nothing completed. */
export const NOT_DONE_LABEL = 'not done'

/** The task's frame range `[start, end)`: first to last non-`outside` segment; undefined when all is outside. */
export function docTaskRange(doc: Pick<AnnotationDoc, 'segments'>): { start: number; end: number } | undefined {
  const inside = doc.segments.filter((s) => s.kind !== 'outside')
  const first = inside[0]
  const last = inside[inside.length - 1]
  return first === undefined || last === undefined ? undefined : { start: first.start, end: last.end }
}

/** A segment's label as the document shows it: the step's name, the outcome's tail label, `null` outside. */
export function segmentLabel(segment: Segment, outcome: AnnotationDoc['outcome']): string | null {
  switch (segment.kind) {
    case 'step':
      return segment.label
    case 'tail':
      return outcome.kind === 'done' ? DONE_LABEL : NOT_DONE_LABEL
    case 'outside':
      return null
  }
}

/** The document's own labels, frame by frame (steps as they are, incomplete ones included). */
export function docSegmentLabels(doc: Pick<AnnotationDoc, 'segments' | 'outcome' | 'frameCount'>): (string | null)[] {
  const labels = new Array<string | null>(doc.frameCount).fill(null)
  for (const s of doc.segments) labels.fill(segmentLabel(s, doc.outcome), s.start, s.end)
  return labels
}

/**
 * Where a segment stands, as the editor shows it: a step `completed` or `incomplete` (started, not completed);
 * the tail `done`, or `failed` when the task was not done; an outside range `excluded` from progress.
 */
export type SegmentStatus = 'completed' | 'incomplete' | 'done' | 'failed' | 'excluded'

export const SEGMENT_STATUS_TEXT: Record<SegmentStatus, string> = {
  completed: 'completed',
  incomplete: 'started, not completed',
  done: 'task done',
  failed: 'task not done',
  excluded: 'excluded from progress',
}

export function segmentStatus(segment: Segment, outcome: AnnotationDoc['outcome']): SegmentStatus {
  switch (segment.kind) {
    case 'step':
      return segment.state
    case 'tail':
      return outcome.kind === 'done' ? 'done' : 'failed'
    case 'outside':
      return 'excluded'
  }
}

/** How a segment is named in the editor: its label, `unnamed step`, the tail's label, or `excluded`. */
export function segmentName(segment: Segment, outcome: AnnotationDoc['outcome']): string {
  switch (segment.kind) {
    case 'step':
      return segment.label === '' ? 'unnamed step' : segment.label
    case 'tail':
      return outcome.kind === 'done' ? 'done' : outcome.kind === 'failed' ? 'failed' : `not done · cutoff ${outcome.cutoff}`
    case 'outside':
      return 'excluded'
  }
}
