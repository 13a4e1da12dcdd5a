/**
 * The structural edits (they move frames between segments): move a boundary, split, merge, insert, delete and
 * change a segment's kind. Each builds a candidate document with structural sharing (untouched segments keep
 * their identity) or rejects with a specific reason; `applyEdit` then checks every invariant on the candidate.
 *
 * ```text
 *  split s2 at f       [ s1 ][   s2   ][ s3 ]  ->  [ s1 ][ s2 ][s9][ s3 ]      s9 = next free id
 *  insert [a, b)       [ s1 ][   s2   ][ s3 ]  ->  [ s1 ][s2][s9][s10][ s3 ]   s9 new step, s10 rest of s2
 *  merge s2 with next  [ s1 ][ s2 ][ s3 ]      ->  [ s1 ][    s2     ]        s2 survives
 *  delete s2 (step)    [ s1 ][ s2 ][ s3 ]      ->  [ s1 ][    s3     ]        a step's frames go to the next
 * ```
 */
import type { AnnotationDoc, BudgetOverride, Segment } from './annotation'
import { isValidLabel, stepShares } from './budgets'
import type { DeleteEdit, EditResult, InsertEdit, MergeEdit, MoveBoundaryEdit, SetKindEdit, SplitEdit } from './edits'
import { describeSegment } from './edits'

/** A rejection, for the reducer's early returns. */
export function reject(reason: string): EditResult {
  return { ok: false, reason }
}

/** `segment` with `budget` (or without any override when `undefined`); the same object when nothing changes. */
export function withBudget(segment: Segment, budget: BudgetOverride | undefined): Segment {
  if (budget === segment.budget) return segment
  const { budget: _dropped, ...rest } = segment
  return budget === undefined ? rest : { ...rest, budget }
}

/** A copy of `segments` with `count` entries from `from` replaced by `items`; the others keep their identity. */
export function replaceSegments(segments: readonly Segment[], from: number, count: number, items: readonly Segment[]): Segment[] {
  return [...segments.slice(0, from), ...items, ...segments.slice(from + count)]
}

/**
 * The next `count` free segment ids `s<n>`, numbered past every `s<n>` id in the segments, the stored proposal
 * and the raw-proposal memo (so a new segment never takes an id that a review diff or an exporter matches
 * against). Deterministic given the document, so a replayed edit log rebuilds identical documents.
 */
export function nextSegmentIds(doc: AnnotationDoc, count: number): string[] {
  const ids = [
    ...doc.segments.map((s) => s.id),
    ...(doc.provenance.proposal?.segments ?? []).map((s) => s.id),
    ...Object.keys(doc.provenance.rawProposal?.steps ?? {}),
  ]
  let max = 0
  for (const id of ids) {
    const m = /^s(\d+)$/.exec(id)
    if (m !== null) max = Math.max(max, Number(m[1]))
  }
  return Array.from({ length: count }, (_, i) => `s${max + 1 + i}`)
}

function frameProblem(frame: number, what: string): string | undefined {
  return Number.isInteger(frame) ? undefined : `${what} ${frame} is not a whole frame`
}

/**
 * The override a piece of a cut step keeps: weights are dropped (two pieces with the original weight would carry
 * twice its budget), a locked share is divided in proportion to the piece's length.
 */
function pieceBudget(segment: Segment, pieceLength: number): BudgetOverride | undefined {
  if (segment.budget?.kind !== 'locked') return undefined
  return { kind: 'locked', share: (segment.budget.share * pieceLength) / (segment.end - segment.start) }
}

/**
 * The pieces a segment is cut into, in order, each `[start, end)` non-empty. The first keeps the id and the notes,
 * the others take `ids`; every piece but the last of a step is `completed` (it runs into the next piece).
 */
function cutPieces(segment: Segment, bounds: ReadonlyArray<readonly [number, number]>, ids: readonly string[]): Segment[] {
  return bounds.map(([start, end], i) => {
    const last = i === bounds.length - 1
    const base: Segment = {
      ...segment,
      id: i === 0 ? segment.id : ids[i - 1]!,
      start,
      end,
      notes: i === 0 ? segment.notes : '',
      state: segment.kind === 'step' && !last ? 'completed' : segment.state,
    }
    return withBudget(base, pieceBudget(segment, end - start))
  })
}

/** Boundary `i` to `frame`: `segments[i]` ends and `segments[i + 1]` starts there. */
export function moveBoundary(doc: AnnotationDoc, edit: MoveBoundaryEdit): EditResult {
  const n = doc.segments.length
  const i = edit.boundary
  if (!Number.isInteger(i) || i < 0 || i >= n - 1) {
    return reject(n < 2 ? 'this episode has a single segment and no boundary' : `there is no boundary ${i + 1}: boundaries are 1–${n - 1}`)
  }
  const bad = frameProblem(edit.frame, 'frame')
  if (bad !== undefined) return reject(bad)
  const left = doc.segments[i]!
  const right = doc.segments[i + 1]!
  if (edit.frame === left.end) return { ok: true, doc }
  if (edit.frame <= left.start || edit.frame >= right.end) {
    return reject(`boundary ${i + 1} can move within frames ${left.start + 1}–${right.end - 1}: each segment keeps at least one frame, and a boundary cannot cross its neighbour's other edge`)
  }
  const segments = replaceSegments(doc.segments, i, 2, [{ ...left, end: edit.frame }, { ...right, start: edit.frame }])
  return { ok: true, doc: { ...doc, segments } }
}

/** Split at `at`: the left piece keeps the id and the notes, the right piece copies kind, label and state. */
export function split(doc: AnnotationDoc, edit: SplitEdit, index: number): EditResult {
  const segment = doc.segments[index]!
  const name = describeSegment(segment, index)
  const bad = frameProblem(edit.at, 'split frame')
  if (bad !== undefined) return reject(bad)
  if (segment.kind === 'tail') return reject('the tail cannot be split (an episode has one tail): insert a step at its start instead')
  if (edit.at <= segment.start || edit.at >= segment.end) {
    return reject(segment.end - segment.start < 2
      ? `${name} has a single frame and cannot be split`
      : `${name} can be split at frames ${segment.start + 1}–${segment.end - 1} only: both pieces keep at least one frame`)
  }
  const pieces = cutPieces(segment, [[segment.start, edit.at], [edit.at, segment.end]], nextSegmentIds(doc, 1))
  return { ok: true, doc: { ...doc, segments: replaceSegments(doc.segments, index, 1, pieces) } }
}

function joinNotes(first: string, second: string): string {
  if (first === '') return second
  return second === '' ? first : `${first}\n\n${second}`
}

/**
 * Merge with a neighbour of the same kind. The named segment survives (id, label, kind); the state is the later
 * piece's, notes are joined. Budget: if either piece is locked, the merged step is locked at the sum of both
 * current shares (nothing else moves); otherwise weight overrides are dropped.
 */
export function merge(doc: AnnotationDoc, edit: MergeEdit, index: number): EditResult {
  const segment = doc.segments[index]!
  const otherIndex = edit.with === 'next' ? index + 1 : index - 1
  const other = doc.segments[otherIndex]
  const name = describeSegment(segment, index)
  if (other === undefined) return reject(`${name} has no ${edit.with} segment to merge with`)
  if (other.kind !== segment.kind) {
    return reject(`${name} and ${describeSegment(other, otherIndex)} are of different kinds: change one's kind first, or delete one to give its frames to the other`)
  }
  const [first, second] = otherIndex < index ? [other, segment] : [segment, other]
  let budget: BudgetOverride | undefined
  if (segment.kind === 'step' && isValidLabel(segment.label) && (segment.budget?.kind === 'locked' || other.budget?.kind === 'locked')) {
    const shares = stepShares(doc)
    budget = { kind: 'locked', share: Math.min(1, (shares.get(segment.id) ?? 0) + (shares.get(other.id) ?? 0)) }
  }
  const merged = withBudget(
    { ...segment, start: first.start, end: second.end, state: second.state, notes: joinNotes(segment.notes, other.notes) },
    budget,
  )
  return { ok: true, doc: { ...doc, segments: replaceSegments(doc.segments, Math.min(index, otherIndex), 2, [merged]) } }
}

/**
 * A new completed step on `[start, end)` inside one segment, which is cut around it. The rest of a cut step keeps
 * its locked share in proportion to the frames it keeps (the new step's frames take theirs along) and drops weights.
 */
export function insert(doc: AnnotationDoc, edit: InsertEdit): EditResult {
  const bad = frameProblem(edit.start, 'start') ?? frameProblem(edit.end, 'end')
  if (bad !== undefined) return reject(bad)
  if (edit.start < 0 || edit.end > doc.frameCount || edit.end <= edit.start) {
    return reject(`a new step needs a non-empty range inside frames 0–${doc.frameCount - 1}; got [${edit.start}, ${edit.end})`)
  }
  const index = doc.segments.findIndex((s) => s.start <= edit.start && edit.start < s.end)
  const host = doc.segments[index]
  if (host === undefined) return reject(`no segment contains frame ${edit.start}`)
  const name = describeSegment(host, index)
  if (edit.end > host.end) {
    return reject(`a new step must lie inside one segment: frames ${edit.start}–${edit.end - 1} cross the boundary at frame ${host.end}`)
  }
  if (edit.start === host.start && edit.end === host.end) {
    return reject(`the range covers all of ${name}: rename it or change its kind instead`)
  }
  if (host.kind === 'tail' && edit.start !== host.start) return reject('a step can be inserted in the tail only at its start: steps come before the tail')
  if (host.kind === 'outside' && doc.segments.slice(0, index).some((s) => s.kind === 'tail')) {
    return reject(`${name} follows the tail, and steps come before it`)
  }
  const bounds = ([[host.start, edit.start], [edit.end, host.end]] as const).filter(([a, b]) => b > a)
  const [stepId, ...restIds] = nextSegmentIds(doc, 2)
  const rest = cutPieces(host, bounds, restIds)
  const step: Segment = { id: stepId!, start: edit.start, end: edit.end, kind: 'step', label: edit.label, notes: '', state: 'completed' }
  const pieces = edit.start === host.start ? [step, ...rest] : [rest[0]!, step, ...rest.slice(1)]
  return { ok: true, doc: { ...doc, segments: replaceSegments(doc.segments, index, 1, pieces) } }
}

/** Where a deleted segment's frames go by default: a step's to the next segment (ProcVLM's rule, a frame belongs
 * to the next step to complete), the tail's and an outside range's to the previous one; else the only neighbour. */
function defaultInto(segment: Segment, index: number, count: number): 'next' | 'previous' {
  if (index === 0) return 'next'
  if (index === count - 1) return 'previous'
  return segment.kind === 'step' ? 'next' : 'previous'
}

/** Delete a segment: the receiving neighbour grows over its frames and keeps everything else. */
export function deleteSegment(doc: AnnotationDoc, edit: DeleteEdit, index: number): EditResult {
  const segment = doc.segments[index]!
  const name = describeSegment(segment, index)
  if (doc.segments.length === 1) return reject(`${name} is the only segment: an episode needs at least one`)
  const into = edit.into ?? defaultInto(segment, index, doc.segments.length)
  const receiverIndex = into === 'next' ? index + 1 : index - 1
  const receiver = doc.segments[receiverIndex]
  if (receiver === undefined) return reject(`${name} has no ${into} segment to give its frames to`)
  const grown = into === 'next' ? { ...receiver, start: segment.start } : { ...receiver, end: segment.end }
  return { ok: true, doc: { ...doc, segments: replaceSegments(doc.segments, Math.min(index, receiverIndex), 2, [grown]) } }
}

/**
 * Change a segment's kind. A new step is completed and named `edit.label` (default empty: no budget until named);
 * a new tail or outside range loses its label and budget, as those kinds carry neither.
 */
export function setKind(doc: AnnotationDoc, edit: SetKindEdit, index: number): EditResult {
  const segment = doc.segments[index]!
  if (segment.kind === edit.kind) return { ok: true, doc }
  const name = describeSegment(segment, index)
  const tailIndex = doc.segments.findIndex((s) => s.kind === 'tail')
  if (edit.kind === 'tail') {
    if (tailIndex >= 0) return reject(`there is already a tail (segment ${tailIndex + 1}): change its kind first`)
    if (doc.segments.slice(index + 1).some((s) => s.kind === 'step')) return reject(`${name} cannot become the tail: steps follow it, and the tail comes after the last step`)
  }
  if (edit.kind === 'step' && tailIndex >= 0 && tailIndex < index) return reject(`${name} cannot become a step: it follows the tail, and steps come before it`)
  const { budget: _dropped, ...rest } = segment
  const changed: Segment = { ...rest, kind: edit.kind, label: edit.kind === 'step' ? (edit.label ?? '') : '', state: 'completed' }
  return { ok: true, doc: { ...doc, segments: replaceSegments(doc.segments, index, 1, [changed]) } }
}
