import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AnnotationDoc, Outcome, Segment, SegmentKind } from './annotation'
import { checkInvariants, SCHEMA_VERSION } from './annotation'
import { docSegmentLabels, docTaskRange } from './docLabels'
import { docToFlat } from './formats/docToFlat'
import { flattenProposal } from './formats/flatten'
import type { RawProposalLine, RawSubtask } from './formats/procvlmTypes'

const TASK = 'put the cup on the plate'

/** `['A', 0, 4]` a completed step, `['A', 0, 4, 'incomplete']`, `['tail', 4, 6]`, `['outside', 6, 8]`. */
type S = [label: string, start: number, end: number, state?: 'incomplete']

function doc(frameCount: number, outcome: Outcome, segs: S[]): AnnotationDoc {
  const segments: Segment[] = segs.map(([label, start, end, state], i) => {
    const kind: SegmentKind = label === 'tail' || label === 'outside' ? label : 'step'
    return { id: `s${i}`, start, end, kind, label: kind === 'step' ? label : '', notes: '', state: state ?? 'completed' }
  })
  const d: AnnotationDoc = {
    schemaVersion: SCHEMA_VERSION, dataset: 'demo', episode: 'episode_000000', episodeIndex: 0, task: TASK,
    frameCount, fps: 10, segments, outcome, provenance: {},
  }
  const broken = checkInvariants(d)
  if (broken.length > 0) throw new Error(`test document is unsound: ${broken.join('; ')}`)
  return d
}

const DONE: Outcome = { kind: 'done' }
const NOT_DONE: Outcome = { kind: 'not-done', cutoff: 0.75 }
const FAILED: Outcome = { kind: 'failed' }

/** A raw proposal line, written by hand: the ground truth the flattener turns into the flat file. */
function raw(taskStart: number, taskEnd: number, subtasks: [string, number | null, number | null][], notes = ''): RawProposalLine {
  const list: RawSubtask[] = subtasks.map(([name, start_frame, complete_frame], id) => ({ id, name, start_frame, complete_frame }))
  return { task_id: 0, task_start: taskStart, task_end: taskEnd, results: { task: TASK, subtasks: list, overall_notes: notes } }
}

const FAIL_NOTE = 'The gripper dropped the cup; task not completed.'

describe('the flat export equals flattenProposal of the raw proposal the document corresponds to', () => {
  it.each([
    [
      'success with outside frames at both ends',
      doc(14, DONE, [['outside', 0, 2], ['Grasp the cup.', 2, 6], ['Place the cup onto the plate.', 6, 10], ['tail', 10, 12], ['outside', 12, 14]]),
      [raw(2, 12, [['Grasp the cup.', 2, 6], ['Place the cup onto the plate.', 6, 10]])],
    ],
    [
      'an incomplete step is absorbed by the next completed one',
      doc(12, DONE, [['A', 0, 4], ['B', 4, 7, 'incomplete'], ['C', 7, 10], ['tail', 10, 12]]),
      [raw(0, 12, [['A', 0, 4], ['B', 4, null], ['C', 7, 10]])],
    ],
    [
      'not done: the tail repeats the last completed step',
      doc(10, NOT_DONE, [['A', 0, 4], ['B', 4, 8, 'incomplete'], ['tail', 8, 10]]),
      [raw(0, 10, [['A', 0, 4], ['B', 4, null]], FAIL_NOTE)],
    ],
    [
      'not done with every step completed',
      doc(10, NOT_DONE, [['A', 0, 4], ['B', 4, 8], ['tail', 8, 10]]),
      [raw(0, 10, [['A', 0, 4], ['B', 4, 8]], FAIL_NOTE)],
    ],
    [
      'failed, an unfinished step: every task frame is "not done"',
      doc(8, FAILED, [['B', 0, 5, 'incomplete'], ['tail', 5, 8]]),
      [raw(0, 8, [['B', 0, null]], FAIL_NOTE)],
    ],
    ['failed, no steps at all', doc(6, FAILED, [['tail', 0, 6]]), [raw(0, 6, [], FAIL_NOTE)]],
    [
      'a step completing on the last task frame loses that frame to the tail',
      doc(8, DONE, [['A', 0, 4], ['B', 4, 8]]),
      [raw(0, 8, [['A', 0, 4], ['B', 4, 8]])],
    ],
    [
      'a one-frame last step vanishes into the tail',
      doc(5, DONE, [['A', 0, 4], ['B', 4, 5]]),
      [raw(0, 5, [['A', 0, 4], ['B', 4, 5]])],
    ],
    [
      'outside frames inside the task go to the next completed step',
      doc(10, DONE, [['A', 0, 3], ['outside', 3, 5], ['B', 5, 8], ['tail', 8, 10]]),
      [raw(0, 10, [['A', 0, 3], ['B', 5, 8]])],
    ],
    ['an unnamed completed step is written as an empty label', doc(6, DONE, [['', 0, 3], ['B', 3, 5], ['tail', 5, 6]]), [raw(0, 6, [['', 0, 3], ['B', 3, 5]])]],
    ['everything outside', doc(3, DONE, [['outside', 0, 3]]), []],
    [
      'repeated names stay separate runs only when not adjacent',
      doc(9, DONE, [['A', 0, 2], ['A', 2, 4], ['B', 4, 6], ['A', 6, 8], ['tail', 8, 9]]),
      [raw(0, 9, [['A', 0, 2], ['A', 2, 4], ['B', 4, 6], ['A', 6, 8]])],
    ],
  ])('%s', (_name, d, lines) => {
    const expected = flattenProposal(lines, d.frameCount)
    expect(docToFlat(d).frames).toEqual(expected)
  })

  it.each([
    [
      // ProcVLM calls a proposal with half its sub-tasks unfinished not done, so the proposal of a done
      // document leaves the unfinished ones out (they own no frames either way).
      'done, half the steps unfinished: the proposal omits them to stay done',
      doc(9, DONE, [['A', 0, 4], ['B', 4, 6, 'incomplete'], ['tail', 6, 9]]),
      [raw(0, 9, [['A', 0, 4]])],
    ],
    [
      'done but nothing completed: ProcVLM cannot call it done',
      doc(6, DONE, [['B', 0, 4, 'incomplete'], ['tail', 4, 6]]),
      [raw(0, 6, [])],
    ],
  ])('%s', (_name, d, lines) => {
    const expected = flattenProposal(lines, d.frameCount)
    expect(docToFlat(d).frames).toEqual(expected)
  })
})

describe('docSegmentLabels and docTaskRange', () => {
  it.each([
    ['done', DONE, ['A', 'A', 'B', 'B', 'done', null]],
    ['not done', NOT_DONE, ['A', 'A', 'B', 'B', 'not done', null]],
    ['failed', FAILED, ['A', 'A', 'B', 'B', 'not done', null]],
  ])('%s: steps keep their names, incomplete ones too', (_name, outcome, expected) => {
    const d = doc(6, outcome, [['A', 0, 2], ['B', 2, 4, 'incomplete'], ['tail', 4, 5], ['outside', 5, 6]])
    expect(docSegmentLabels(d)).toEqual(expected)
  })

  it('task range spans the first to the last non-outside segment', () => {
    expect(docTaskRange(doc(8, DONE, [['outside', 0, 1], ['A', 1, 4], ['tail', 4, 6], ['outside', 6, 8]]))).toEqual({ start: 1, end: 6 })
    expect(docTaskRange(doc(2, DONE, [['outside', 0, 2]]))).toBeUndefined()
  })
})

/** The raw proposal a document without an imported proposal corresponds to, written independently of docToProposal. */
function rawOf(d: AnnotationDoc): RawProposalLine[] {
  const range = docTaskRange(d)
  if (range === undefined) return []
  const done = d.outcome.kind === 'done'
  const subtasks = d.segments.filter((s) => s.kind === 'step' && (!done || s.state === 'completed'))
    .map((s): [string, number, number | null] => [s.label, s.start, s.state === 'completed' ? s.end : null])
  return [raw(range.start, range.end, subtasks, d.outcome.kind === 'done' ? '' : FAIL_NOTE)]
}

describe('the flat export on random documents', () => {
  const kind = fc.constantFrom<S[0]>('A', 'B', 'Grasp the cup.', '', 'outside')
  const docs = fc.record({
    lead: fc.integer({ min: 0, max: 3 }),
    steps: fc.array(fc.tuple(kind, fc.integer({ min: 1, max: 5 }), fc.boolean()), { maxLength: 8 }),
    tail: fc.integer({ min: 0, max: 4 }),
    trail: fc.integer({ min: 0, max: 3 }),
    outcome: fc.constantFrom<Outcome>(DONE, NOT_DONE, FAILED),
  }).filter((r) => r.lead + r.tail + r.trail + r.steps.length > 0).map((r) => {
    const segs: S[] = []
    let f = 0
    const push = (label: string, len: number, incomplete = false) => {
      if (len === 0) return
      segs.push(incomplete ? [label, f, f + len, 'incomplete'] : [label, f, f + len])
      f += len
    }
    push('outside', r.lead)
    for (const [label, len, incomplete] of r.steps) push(label, len, incomplete && label !== 'outside')
    push('tail', r.tail)
    push('outside', r.trail)
    return doc(f, r.outcome, segs)
  })

  it('matches the flattener on the document\'s raw proposal', () => {
    fc.assert(fc.property(docs, (d) => {
      expect(docToFlat(d).frames).toEqual(flattenProposal(rawOf(d), d.frameCount))
    }), { numRuns: 500 })
  })
})
