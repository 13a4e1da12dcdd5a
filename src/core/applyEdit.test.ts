import { describe, expect, it } from 'vitest'
import type { AnnotationDoc, Segment, SegmentKind } from './annotation'
import { checkInvariants, SCHEMA_VERSION } from './annotation'
import { applyEdit, checkBudgets } from './applyEdit'
import type { Edit } from './edits'

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

function seg(id: string, start: number, end: number, kind: SegmentKind = 'step', extra: Partial<Segment> = {}): Segment {
  return { id, start, end, kind, label: kind === 'step' ? `Step ${id}.` : '', notes: '', state: 'completed', ...extra }
}

function docOf(segments: Segment[], extra: Partial<AnnotationDoc> = {}): AnnotationDoc {
  const frameCount = segments[segments.length - 1]?.end ?? 1
  return deepFreeze({
    schemaVersion: SCHEMA_VERSION, dataset: 'demo', episode: 'episode_000000', episodeIndex: 0, task: 'put the cup on the plate',
    frameCount, fps: 10, segments, outcome: { kind: 'not-done', cutoff: 0.75 }, provenance: {}, ...extra,
  })
}

/**
 * The fixture: frames 0–99.
 *   [o0 outside 0-10][s1 10-40][s2 40-60][s3 60-85 incomplete][t tail 85-95][o1 outside 95-100]
 * The stored proposal uses ids s1 and s7, so new ids start at s8.
 */
const proposal = {
  segments: [seg('s1', 0, 50, 'step', { label: 'Grasp the cup.' }), seg('s7', 50, 90, 'step', { label: 'Place the cup.' }), seg('t', 90, 100, 'tail')],
  outcome: { kind: 'done' as const },
}
const base = docOf([
  seg('o0', 0, 10, 'outside'),
  seg('s1', 10, 40, 'step', { label: 'Grasp the cup.', notes: 'slow grasp' }),
  seg('s2', 40, 60, 'step', { label: 'Lift the cup.', notes: 'wobbles' }),
  seg('s3', 60, 85, 'step', { label: 'Place the cup.', state: 'incomplete' }),
  seg('t', 85, 95, 'tail'),
  seg('o1', 95, 100, 'outside'),
], { provenance: { proposal } })

function layout(doc: AnnotationDoc): string {
  return doc.segments.map((s) => `${s.id}=${s.kind}[${s.start},${s.end})`).join(' ')
}

function accept(doc: AnnotationDoc, edit: Edit): AnnotationDoc {
  const r = applyEdit(doc, edit)
  if (!r.ok) throw new Error(`rejected: ${r.reason}`)
  expect(checkInvariants(r.doc)).toEqual([])
  expect(checkBudgets(r.doc)).toEqual([])
  return r.doc
}

const L = 'o0=outside[0,10)'
const R = 't=tail[85,95) o1=outside[95,100)'

describe('applyEdit: structural edits (doc, edit) -> layout', () => {
  it.each<[string, Edit, string]>([
    ['move the boundary between s1 and s2 later', { type: 'moveBoundary', boundary: 1, frame: 50 }, `${L} s1=step[10,50) s2=step[50,60) s3=step[60,85) ${R}`],
    ['move the first boundary earlier', { type: 'moveBoundary', boundary: 0, frame: 1 }, 'o0=outside[0,1) s1=step[1,40) s2=step[40,60) s3=step[60,85) ' + R],
    ['move the last boundary to the last frame', { type: 'moveBoundary', boundary: 4, frame: 99 }, `${L} s1=step[10,40) s2=step[40,60) s3=step[60,85) t=tail[85,99) o1=outside[99,100)`],
    ['split a step', { type: 'split', segmentId: 's2', at: 50 }, `${L} s1=step[10,40) s2=step[40,50) s8=step[50,60) s3=step[60,85) ${R}`],
    ['split an outside range', { type: 'split', segmentId: 'o0', at: 5 }, 'o0=outside[0,5) s8=outside[5,10) s1=step[10,40) s2=step[40,60) s3=step[60,85) ' + R],
    ['merge a step with the next', { type: 'merge', segmentId: 's1', with: 'next' }, `${L} s1=step[10,60) s3=step[60,85) ${R}`],
    ['merge a step with the previous', { type: 'merge', segmentId: 's2', with: 'previous' }, `${L} s2=step[10,60) s3=step[60,85) ${R}`],
    ['insert inside a step', { type: 'insert', start: 45, end: 50, label: 'Wipe.' }, `${L} s1=step[10,40) s2=step[40,45) s8=step[45,50) s9=step[50,60) s3=step[60,85) ${R}`],
    ['insert at a step start', { type: 'insert', start: 40, end: 45, label: 'Wipe.' }, `${L} s1=step[10,40) s8=step[40,45) s2=step[45,60) s3=step[60,85) ${R}`],
    ['insert at a step end', { type: 'insert', start: 55, end: 60, label: 'Wipe.' }, `${L} s1=step[10,40) s2=step[40,55) s8=step[55,60) s3=step[60,85) ${R}`],
    ['insert at the tail start', { type: 'insert', start: 85, end: 90, label: 'Let go.' }, `${L} s1=step[10,40) s2=step[40,60) s3=step[60,85) s8=step[85,90) t=tail[90,95) o1=outside[95,100)`],
    ['insert before the task', { type: 'insert', start: 2, end: 5, label: 'Reach.' }, 'o0=outside[0,2) s8=step[2,5) s9=outside[5,10) s1=step[10,40) s2=step[40,60) s3=step[60,85) ' + R],
    ['delete a step: its frames go to the next', { type: 'delete', segmentId: 's2' }, `${L} s1=step[10,40) s3=step[40,85) ${R}`],
    ['delete a step into the previous', { type: 'delete', segmentId: 's2', into: 'previous' }, `${L} s1=step[10,60) s3=step[60,85) ${R}`],
    ['delete the last step: the tail grows', { type: 'delete', segmentId: 's3' }, `${L} s1=step[10,40) s2=step[40,60) t=tail[60,95) o1=outside[95,100)`],
    ['delete the tail: the last step grows', { type: 'delete', segmentId: 't' }, `${L} s1=step[10,40) s2=step[40,60) s3=step[60,95) o1=outside[95,100)`],
    ['delete the first outside range', { type: 'delete', segmentId: 'o0' }, `s1=step[0,40) s2=step[40,60) s3=step[60,85) ${R}`],
    ['delete the last outside range', { type: 'delete', segmentId: 'o1' }, `${L} s1=step[10,40) s2=step[40,60) s3=step[60,85) t=tail[85,100)`],
    ['make the tail an outside range', { type: 'setKind', segmentId: 't', kind: 'outside' }, `${L} s1=step[10,40) s2=step[40,60) s3=step[60,85) t=outside[85,95) o1=outside[95,100)`],
    ['make an outside range before the task a step', { type: 'setKind', segmentId: 'o0', kind: 'step', label: 'Reach.' }, 'o0=step[0,10) s1=step[10,40) s2=step[40,60) s3=step[60,85) ' + R],
    ['make a step an outside range', { type: 'setKind', segmentId: 's2', kind: 'outside' }, `${L} s1=step[10,40) s2=outside[40,60) s3=step[60,85) ${R}`],
    ['reset to the proposal', { type: 'resetToProposal' }, 's1=step[0,50) s7=step[50,90) t=tail[90,100)'],
  ])('%s', (_name, edit, expected) => {
    expect(layout(accept(base, edit))).toBe(expected)
  })
})

describe('applyEdit: rejections (doc, edit) -> reason', () => {
  it.each<[string, Edit, RegExp]>([
    ['a boundary past the last', { type: 'moveBoundary', boundary: 5, frame: 97 }, /no boundary 6: boundaries are 1–5/],
    ['a negative boundary', { type: 'moveBoundary', boundary: -1, frame: 5 }, /no boundary 0/],
    ['a boundary across its neighbour\'s end', { type: 'moveBoundary', boundary: 1, frame: 60 }, /within frames 11–59/],
    ['a boundary onto its neighbour\'s start', { type: 'moveBoundary', boundary: 1, frame: 10 }, /each segment keeps at least one frame/],
    ['a fractional frame', { type: 'moveBoundary', boundary: 1, frame: 45.5 }, /not a whole frame/],
    ['splitting the tail', { type: 'split', segmentId: 't', at: 90 }, /tail cannot be split/],
    ['splitting at the start', { type: 'split', segmentId: 's1', at: 10 }, /split at frames 11–39 only/],
    ['splitting at the end', { type: 'split', segmentId: 's1', at: 40 }, /split at frames 11–39 only/],
    ['splitting an unknown segment', { type: 'split', segmentId: 'zz', at: 20 }, /no segment zz/],
    ['merging into the tail', { type: 'merge', segmentId: 's3', with: 'next' }, /different kinds/],
    ['merging the first with a previous one', { type: 'merge', segmentId: 'o0', with: 'previous' }, /no previous segment/],
    ['inserting in the middle of the tail', { type: 'insert', start: 88, end: 90, label: 'x' }, /only at its start/],
    ['inserting after the tail', { type: 'insert', start: 96, end: 98, label: 'x' }, /follows the tail/],
    ['inserting across a boundary', { type: 'insert', start: 35, end: 45, label: 'x' }, /cross the boundary at frame 40/],
    ['inserting over a whole segment', { type: 'insert', start: 40, end: 60, label: 'x' }, /covers all of "Lift the cup."/],
    ['inserting an empty range', { type: 'insert', start: 50, end: 50, label: 'x' }, /non-empty range/],
    ['inserting past the episode', { type: 'insert', start: 98, end: 101, label: 'x' }, /inside frames 0–99/],
    ['deleting into a missing neighbour', { type: 'delete', segmentId: 'o0', into: 'previous' }, /no previous segment/],
    ['renaming the tail', { type: 'rename', segmentId: 't', label: 'x' }, /not a step: only steps have a label/],
    ['setting the state of an outside range', { type: 'setState', segmentId: 'o1', state: 'incomplete' }, /only steps have a state/],
    ['a second tail', { type: 'setKind', segmentId: 's3', kind: 'tail' }, /already a tail \(segment 5\)/],
    ['a step after the tail', { type: 'setKind', segmentId: 'o1', kind: 'step' }, /follows the tail/],
    ['a cutoff above 1', { type: 'setOutcome', outcome: { kind: 'not-done', cutoff: 1.5 } }, /between 0 and 1/],
    ['a NaN cutoff', { type: 'setCutoff', cutoff: Number.NaN }, /between 0 and 1/],
    ['a budget on the tail', { type: 'setBudget', segmentId: 't', share: 0.5 }, /only named steps carry a budget/],
    ['a zero share', { type: 'setBudget', segmentId: 's1', share: 0 }, /share must be in \(0, 100%\]/],
    ['a share of everything while others are unlocked', { type: 'setBudget', segmentId: 's1', share: 1 }, /at most 100.0% minus a little/],
    ['locking the tail', { type: 'lockBudget', segmentId: 't' }, /not a step/],
    ['resetting the budget of an outside range', { type: 'resetBudget', segmentId: 'o0' }, /only steps have a budget/],
  ])('%s', (_name, edit, reason) => {
    const r = applyEdit(base, edit)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toMatch(reason)
  })

  it('rejects deleting the only segment', () => {
    const r = applyEdit(docOf([seg('t', 0, 10, 'tail')]), { type: 'delete', segmentId: 't' })
    expect(r).toEqual({ ok: false, reason: 'the tail is the only segment: an episode needs at least one' })
  })

  it('rejects splitting a one-frame segment', () => {
    const r = applyEdit(docOf([seg('s1', 0, 1), seg('s2', 1, 5)]), { type: 'split', segmentId: 's1', at: 1 })
    expect(r.ok ? '' : r.reason).toMatch(/single frame/)
  })

  it('rejects the cutoff when the outcome is not "not done"', () => {
    const r = applyEdit(docOf(base.segments, { outcome: { kind: 'done' } }), { type: 'setCutoff', cutoff: 0.5 })
    expect(r.ok ? '' : r.reason).toMatch(/only when the outcome is "not done"/)
  })

  it('rejects resetting without a proposal, or to one that does not fit', () => {
    const none = applyEdit(docOf(base.segments), { type: 'resetToProposal' })
    expect(none.ok ? '' : none.reason).toMatch(/no stored proposal/)
    const short = docOf(base.segments, { provenance: { proposal: { segments: [seg('s1', 0, 50)], outcome: { kind: 'done' } } } })
    const r = applyEdit(short, { type: 'resetToProposal' })
    expect(r.ok ? '' : r.reason).toMatch(/does not fit this episode: segments end at 50, the episode has 100 frames/)
  })

  it('numbers new ids past the ids of the raw-proposal memo too', () => {
    const step = { order: 0, id: 1, startFrame: 0, completeFrame: 5, start: 0, end: 5 }
    const doc = docOf(base.segments, { provenance: { rawProposal: { lineIndex: 0, steps: { s12: step }, unplaced: [], otherLines: [] } } })
    expect(layout(accept(doc, { type: 'split', segmentId: 's1', at: 20 }))).toContain('s13=step[20,40)')
  })

  it('rejects a budget on an unnamed step with what to do', () => {
    const doc = docOf([seg('s1', 0, 5, 'step', { label: '' }), seg('s2', 5, 9)])
    const r = applyEdit(doc, { type: 'setBudget', segmentId: 's1', share: 0.5 })
    expect(r.ok ? '' : r.reason).toMatch(/carries no budget: name it first/)
  })
})

describe('applyEdit: segment fields', () => {
  it('split: the left piece keeps id and notes and becomes completed, the right copies label and state', () => {
    const doc = accept(base, { type: 'split', segmentId: 's3', at: 70 })
    expect(doc.segments[3]).toEqual({ ...base.segments[3], end: 70, state: 'completed' })
    expect(doc.segments[4]).toEqual({ id: 's8', start: 70, end: 85, kind: 'step', label: 'Place the cup.', notes: '', state: 'incomplete' })
  })

  it('merge: the named segment survives, the state is the later piece\'s, notes are joined', () => {
    const doc = accept(base, { type: 'merge', segmentId: 's3', with: 'previous' })
    expect(doc.segments[2]).toEqual({ id: 's3', start: 40, end: 85, kind: 'step', label: 'Place the cup.', notes: 'wobbles', state: 'incomplete' })
    const joined = accept(base, { type: 'merge', segmentId: 's1', with: 'next' })
    expect(joined.segments[1]).toMatchObject({ label: 'Grasp the cup.', notes: 'slow grasp\n\nwobbles', state: 'completed' })
  })

  it('insert: a completed step with the label; the rest of the host copies it without notes', () => {
    const doc = accept(base, { type: 'insert', start: 45, end: 50, label: 'Wipe.' })
    expect(doc.segments[3]).toEqual({ id: 's8', start: 45, end: 50, kind: 'step', label: 'Wipe.', notes: '', state: 'completed' })
    expect(doc.segments[2]).toMatchObject({ id: 's2', notes: 'wobbles', label: 'Lift the cup.' })
    expect(doc.segments[4]).toMatchObject({ id: 's9', notes: '', label: 'Lift the cup.' })
  })

  it.each<[string, Edit, Partial<Segment>]>([
    ['rename', { type: 'rename', segmentId: 's1', label: 'Grasp the mug.' }, { label: 'Grasp the mug.' }],
    ['notes on the tail', { type: 'setNotes', segmentId: 't', notes: 'arm idles' }, { notes: 'arm idles' }],
    ['state', { type: 'setState', segmentId: 's3', state: 'completed' }, { state: 'completed' }],
    ['kind: outside drops the label', { type: 'setKind', segmentId: 's1', kind: 'outside' }, { kind: 'outside', label: '', state: 'completed' }],
    ['kind: a new step is completed', { type: 'setKind', segmentId: 't', kind: 'step', label: 'Let go.' }, { kind: 'step', label: 'Let go.', state: 'completed' }],
  ])('%s', (_name, edit, fields) => {
    const id = 'segmentId' in edit ? edit.segmentId : ''
    const doc = accept(base, edit)
    const index = base.segments.findIndex((s) => s.id === id)
    expect(doc.segments[index]).toEqual({ ...base.segments[index], ...fields })
    doc.segments.forEach((s, i) => { if (i !== index) expect(s).toBe(base.segments[i]) })
  })

  it.each<[string, Edit]>([
    ['a boundary to where it is', { type: 'moveBoundary', boundary: 1, frame: 40 }],
    ['the same label', { type: 'rename', segmentId: 's1', label: 'Grasp the cup.' }],
    ['the same notes', { type: 'setNotes', segmentId: 's1', notes: 'slow grasp' }],
    ['the same state', { type: 'setState', segmentId: 's1', state: 'completed' }],
    ['the same kind', { type: 'setKind', segmentId: 't', kind: 'tail' }],
    ['the same outcome', { type: 'setOutcome', outcome: { kind: 'not-done', cutoff: 0.75 } }],
    ['the same cutoff', { type: 'setCutoff', cutoff: 0.75 }],
    ['unlocking an unlocked step', { type: 'unlockBudget', segmentId: 's1' }],
    ['resetting a step without override', { type: 'resetBudget', segmentId: 's1' }],
  ])('returns the input itself for a no-op: %s', (_name, edit) => {
    expect(applyEdit(base, edit)).toEqual({ ok: true, doc: base })
    const r = applyEdit(base, edit)
    expect(r.ok && r.doc).toBe(base)
  })

  it('keeps untouched segments by identity', () => {
    const doc = accept(base, { type: 'moveBoundary', boundary: 1, frame: 50 })
    expect(doc.segments[0]).toBe(base.segments[0])
    expect(doc.segments.slice(3)).toEqual(base.segments.slice(3))
    doc.segments.slice(3).forEach((s, i) => expect(s).toBe(base.segments[3 + i]))
    expect(doc.provenance).toBe(base.provenance)
  })

  it.each<[Edit, AnnotationDoc['outcome']]>([
    [{ type: 'setOutcome', outcome: { kind: 'done' } }, { kind: 'done' }],
    [{ type: 'setOutcome', outcome: { kind: 'failed' } }, { kind: 'failed' }],
    [{ type: 'setOutcome', outcome: { kind: 'not-done', cutoff: 0.5 } }, { kind: 'not-done', cutoff: 0.5 }],
    [{ type: 'setCutoff', cutoff: 0 }, { kind: 'not-done', cutoff: 0 }],
    [{ type: 'setCutoff', cutoff: 1 }, { kind: 'not-done', cutoff: 1 }],
    [{ type: 'resetToProposal' }, { kind: 'done' }],
  ])('outcome: %j', (edit, outcome) => {
    expect(accept(base, edit).outcome).toEqual(outcome)
  })
})
