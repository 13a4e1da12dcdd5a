/**
 * The edits the editor's keys make at the playhead, as pure functions of (document, frame): which boundary is
 * "nearest", which segment is "under the playhead", and what merging it "into the one before" means. The
 * reducer still has the last word (it may refuse what these propose); these only pick the edit.
 *
 * ```text
 *  frames   [ A          )[ B      )[ tail      )
 *                    ^ playhead
 *  B key:   the nearest boundary (A|B) moves onto the playhead          -> moveBoundary
 *  S key:   the segment under the playhead (A) splits at the playhead   -> split
 *  Delete:  the segment under the playhead merges into the one before   -> merge (same kind) / delete (else)
 * ```
 */
import type { AnnotationDoc } from './annotation'
import { segmentIndexAt } from './annotation'
import type { Edit } from './edits'
import type { Frame } from './time'

/** An edit to make, or why there is none to make here. */
export type PlayheadEdit = { ok: true; edit: Edit } | { ok: false; reason: string }

function none(reason: string): PlayheadEdit {
  return { ok: false, reason }
}

/**
 * The boundary nearest to `frame` (boundary `i` is `segments[i].end`); on a tie, the earlier one. Undefined
 * when the document has a single segment.
 */
export function nearestBoundary(doc: Pick<AnnotationDoc, 'segments'>, frame: Frame): number | undefined {
  let best: number | undefined
  let distance = Infinity
  for (let i = 0; i < doc.segments.length - 1; i++) {
    const d = Math.abs(doc.segments[i]!.end - frame)
    if (d < distance) {
      best = i
      distance = d
    }
  }
  return best
}

/** `B`: move the boundary nearest to the playhead onto it. */
export function snapBoundaryEdit(doc: AnnotationDoc, frame: Frame): PlayheadEdit {
  const boundary = nearestBoundary(doc, frame)
  if (boundary === undefined) return none('there is no boundary to move: the episode is one segment (split it with S)')
  return { ok: true, edit: { type: 'moveBoundary', boundary, frame } }
}

/** `S`: split the segment under the playhead at the playhead (the playhead frame starts the new piece). */
export function splitAtEdit(doc: AnnotationDoc, frame: Frame): PlayheadEdit {
  const index = segmentIndexAt(doc.segments, frame)
  const segment = doc.segments[index]
  if (segment === undefined) return none(`frame ${frame} is outside the episode`)
  if (frame === segment.start) return none(`frame ${frame} already starts a segment: move the playhead inside one to split it`)
  return { ok: true, edit: { type: 'split', segmentId: segment.id, at: frame } }
}

/**
 * `Delete`: the segment under the playhead goes into the one before it. Two segments of the same kind merge
 * (the earlier keeps its name, notes and budget); otherwise the segment is deleted and the earlier one grows
 * over its frames (a tail or outside range cannot merge with a step).
 */
export function mergeIntoPreviousEdit(doc: AnnotationDoc, frame: Frame): PlayheadEdit {
  const index = segmentIndexAt(doc.segments, frame)
  const segment = doc.segments[index]
  if (segment === undefined) return none(`frame ${frame} is outside the episode`)
  const previous = doc.segments[index - 1]
  if (previous === undefined) return none('the first segment has no segment before it to merge into')
  if (previous.kind === segment.kind) return { ok: true, edit: { type: 'merge', segmentId: previous.id, with: 'next' } }
  return { ok: true, edit: { type: 'delete', segmentId: segment.id, into: 'previous' } }
}

/** The segment under `frame`, or undefined outside the episode. */
export function segmentAt(doc: Pick<AnnotationDoc, 'segments'>, frame: Frame): AnnotationDoc['segments'][number] | undefined {
  return doc.segments[segmentIndexAt(doc.segments, frame)]
}
