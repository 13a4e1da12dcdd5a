import { describe, expect, it } from 'vitest'
import type { AnnotationDoc, Segment, SegmentKind } from './annotation'
import { SCHEMA_VERSION } from './annotation'
import { applyEdit } from './applyEdit'
import { mergeIntoPreviousEdit, nearestBoundary, snapBoundaryEdit, splitAtEdit } from './playheadEdits'

function seg(id: string, start: number, end: number, kind: SegmentKind = 'step', label = id.toUpperCase()): Segment {
  return { id, start, end, kind, label: kind === 'step' ? label : '', notes: '', state: 'completed' }
}

// [0,10) A | [10,20) B | [20,30) C (a second "A") | [30,40) tail
const doc: AnnotationDoc = {
  schemaVersion: SCHEMA_VERSION, dataset: 'd', episode: 'episode_000000', episodeIndex: 0, task: 't', frameCount: 40, fps: 30,
  segments: [seg('a', 0, 10), seg('b', 10, 20), seg('c', 20, 30, 'step', 'A'), seg('t', 30, 40, 'tail')],
  outcome: { kind: 'done' }, provenance: {},
}

describe('editing at the playhead', () => {
  it.each([[0, 0], [4, 0], [14, 0], [15, 0], [16, 1], [26, 2], [39, 2]])('nearest boundary to frame %i is %i (ties: the earlier)', (frame, boundary) => {
    expect(nearestBoundary(doc, frame)).toBe(boundary)
  })

  it.each([
    ['B at 13 moves boundary 1 (10) to 13', snapBoundaryEdit, 13, { type: 'moveBoundary', boundary: 0, frame: 13 }],
    ['S at 14 splits B', splitAtEdit, 14, { type: 'split', segmentId: 'b', at: 14 }],
    ['Delete at 14 merges B into A', mergeIntoPreviousEdit, 14, { type: 'merge', segmentId: 'a', with: 'next' }],
    ['Delete in the tail deletes it into the step before (kinds differ)', mergeIntoPreviousEdit, 35, { type: 'delete', segmentId: 't', into: 'previous' }],
  ] as const)('%s', (_, make, frame, edit) => {
    const choice = make(doc, frame)
    expect(choice).toEqual({ ok: true, edit })
    if (choice.ok) expect(applyEdit(doc, choice.edit).ok).toBe(true)
  })

  it.each([
    ['S on a segment start', splitAtEdit, 10, /already starts a segment/],
    ['Delete in the first segment', mergeIntoPreviousEdit, 3, /no segment before it/],
    ['S outside the episode', splitAtEdit, 40, /outside the episode/],
  ] as const)('%s says why it does nothing', (_, make, frame, reason) => {
    const choice = make(doc, frame)
    expect(choice.ok).toBe(false)
    if (!choice.ok) expect(choice.reason).toMatch(reason)
  })

  it('B on a one-segment document has nothing to move', () => {
    const one = { ...doc, segments: [seg('o', 0, 40, 'outside')] }
    expect(snapBoundaryEdit(one, 5)).toMatchObject({ ok: false, reason: expect.stringMatching(/split it with S/) as unknown })
  })
})
