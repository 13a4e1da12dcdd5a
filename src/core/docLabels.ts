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
