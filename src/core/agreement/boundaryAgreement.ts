/**
 * Boundary agreement between two annotations of one episode, at a tolerance in frames.
 *
 * ```text
 *  labels   [ outside ][ Grasp ][ Lift ][ Lift ][ done ]
 *  frames   0          10       40      70      90     100
 *  boundary            ^        ^               ^          (70 is not one: the label does not change there)
 * ```
 * A boundary is a frame whose label differs from the previous frame's, labels as the document shows them
 * (`segmentLabel`: step names, `done` / `not done` tails, `null` outside). Frame 0 and the episode's end are
 * never boundaries: every annotation has them, and counting them would lift every score.
 */
import type { AnnotationDoc } from '../annotation'
import { segmentLabel } from '../docLabels'
import { linearSumAssignment } from '../metrics/hungarian'

/** How two lists of boundaries match. A and B play the same part: swapping them swaps `onlyA` and `onlyB` only. */
export interface BoundaryAgreement {
  boundariesA: number[]
  boundariesB: number[]
  /** Pairs within the tolerance (true positives, taking either side as the reference). */
  matched: number
  /** A's boundaries with no partner in B, and B's with none in A. */
  onlyA: number
  onlyB: number
  /** Σ |a − b| over the matched pairs, in frames. */
  errorSum: number
  /** 2·matched / (2·matched + onlyA + onlyB); 1 when neither side has a boundary (ProcVLM's convention). */
  f1: number
}

/**
 * The boundaries of a document, sorted: the start of every segment after the first whose label differs from
 * the segment before it. Two neighbouring steps with the same name are one run to ProcVLM, so no boundary.
 */
export function docBoundaries(doc: Pick<AnnotationDoc, 'segments' | 'outcome'>): number[] {
  const out: number[] = []
  doc.segments.forEach((s, i) => {
    const previous = doc.segments[i - 1]
    if (previous !== undefined && segmentLabel(s, doc.outcome) !== segmentLabel(previous, doc.outcome)) out.push(s.start)
  })
  return out
}

/**
 * Match two boundary lists one to one and count the pairs with |a − b| ≤ `tolerance` frames.
 *
 * The pairing maximises the number of hits first, then minimises their total error: a pair beyond the tolerance
 * costs more than all possible hits together. ProcVLM's BF1 (`boundaries.ts`) minimises the plain total distance
 * and thresholds afterwards, which can give up a hit: A = [10, 20], B = [16, 200] at tolerance 5 pairs 10–16 and
 * 20–200 (no hit) instead of 20–16 (one hit).
 */
export function matchBoundaries(a: readonly number[], b: readonly number[], tolerance: number): BoundaryAgreement {
  const pairs = Math.min(a.length, b.length)
  const miss = pairs * tolerance + 1
  const cost = a.map((x) => b.map((y) => (Math.abs(x - y) <= tolerance ? Math.abs(x - y) : miss)))
  const { rows, cols } = linearSumAssignment(cost) ?? { rows: [], cols: [] }
  let matched = 0
  let errorSum = 0
  rows.forEach((r, k) => {
    const error = Math.abs((a[r] as number) - (b[cols[k] as number] as number))
    if (error <= tolerance) {
      matched++
      errorSum += error
    }
  })
  const onlyA = a.length - matched
  const onlyB = b.length - matched
  const denominator = 2 * matched + onlyA + onlyB
  return { boundariesA: [...a], boundariesB: [...b], matched, onlyA, onlyB, errorSum, f1: denominator === 0 ? 1 : (2 * matched) / denominator }
}

/** Boundary agreement of two documents of the same episode. */
export function boundaryAgreement(a: AnnotationDoc, b: AnnotationDoc, tolerance: number): BoundaryAgreement {
  return matchBoundaries(docBoundaries(a), docBoundaries(b), tolerance)
}
