import { describe, expect, it } from 'vitest'
import type { AnnotationDoc, Segment } from '../annotation'
import { docToFlat } from './docToFlat'
import { docToProposal } from './docToProposal'
import { flattenProposal, proposalIsDone } from './flatten'
import type { RawProposalLine, RawProposalSuccess } from './procvlmTypes'
import { isRawSuccess } from './procvlmTypes'
import { proposalToDoc } from './proposalToDoc'
import { CLOSE, failure, GRASP, PLACE, PUSH, sub, success } from '@/test/testLines'

function imported(lines: RawProposalLine[], frameCount: number): AnnotationDoc {
  return proposalToDoc(lines, { frameCount, fps: 10 }).doc!
}

function edit(doc: AnnotationDoc, change: (segments: Segment[]) => Segment[], outcome = doc.outcome): AnnotationDoc {
  return { ...doc, segments: change(structuredClone(doc.segments)), outcome }
}

function primary(lines: readonly RawProposalLine[]): RawProposalSuccess {
  return lines.find(isRawSuccess)!
}

const labels = (doc: AnnotationDoc) => docToFlat(doc).frames.map((f) => f.sub_task)

describe('docToProposal on edited documents', () => {
  const base = imported([success([0, 20], [sub(2, PLACE, [9, 12], 'slow'), sub(1, GRASP, [3, 6]), sub(3, CLOSE, [null, null], 'not present')], { notes: 'ok' })], 20)

  it('writes a moved boundary as the new complete frame, keeps what did not move, keeps list order and ids', () => {
    // Move the Grasp/Place boundary from 6 to 8.
    const moved = edit(base, (s) => {
      s[0]!.end = 8
      s[1]!.start = 8
      return s
    })
    const { lines, problems } = docToProposal(moved)
    expect(lines).toStrictEqual([success([0, 20], [sub(2, PLACE, [8, 12], 'slow'), sub(1, GRASP, [3, 8]), sub(3, CLOSE, [null, null], 'not present')], { notes: 'ok' })])
    expect(problems).toEqual([])
  })

  it('lists a new step right after the step before it, with a fresh id', () => {
    // Split Place [6, 12) at 10 into Place [6, 10) and a new Push [10, 12).
    const split = edit(base, (s) => [s[0]!, { ...s[1]!, end: 10 }, { id: 'n1', start: 10, end: 12, kind: 'step', label: PUSH, notes: '', state: 'completed' }, ...s.slice(2)])
    const out = primary(docToProposal(split).lines).results.subtasks
    expect(out.map((s) => [s.id, s.name, s.start_frame, s.complete_frame])).toEqual([
      [2, PLACE, 9, 10], [4, PUSH, 10, 12], [1, GRASP, 3, 6], [3, CLOSE, null, null],
    ])
  })

  it.each([
    ['done -> not done appends ProcVLM\'s phrase', { kind: 'not-done', cutoff: 0.6 } as const, 'ok task not completed', []],
    ['done -> failed with completed steps', { kind: 'failed' } as const, 'ok task not completed', ['failed-with-steps']],
  ])('%s', (_name, outcome, notes, kinds) => {
    const { lines, problems } = docToProposal(edit(base, (s) => s, outcome))
    expect(primary(lines).results.overall_notes).toBe(notes)
    expect(proposalIsDone(primary(lines))).toBe(false)
    expect(problems.map((p) => p.kind)).toEqual(kinds)
  })

  it('not done -> done removes "not completed" from the notes and drops unfinished sub-tasks until ProcVLM reads done', () => {
    const doc = imported([success([0, 20], [sub(1, GRASP, [0, 6]), sub(2, PLACE, [6, null]), sub(3, CLOSE, [null, null])], { notes: 'The cup fell. Task not completed.' })], 20)
    expect(doc.outcome.kind).toBe('not-done')
    const { lines, problems } = docToProposal({ ...doc, outcome: { kind: 'done' } })
    const line = primary(lines)
    expect(line.results.overall_notes).toBe('The cup fell. Task completed.')
    expect(line.results.subtasks.map((s) => s.name)).toEqual([GRASP])
    expect(proposalIsDone(line)).toBe(true)
    expect(problems.map((p) => p.kind)).toEqual(['outcome-forced', 'outcome-forced'])
    expect(labels({ ...doc, outcome: { kind: 'done' } })).toEqual([...Array<string>(6).fill(GRASP), ...Array<string>(14).fill('done')])
  })

  it('failed -> done with no completed step cannot be done for ProcVLM, and no sub-task is invented', () => {
    const doc = imported([success([0, 12], [sub(1, GRASP, [null, null])])], 12)
    const done = { ...doc, outcome: { kind: 'done' as const } }
    const { lines, problems } = docToProposal(done)
    expect(primary(lines).results.subtasks).toEqual([sub(1, GRASP, [null, null])])
    expect(problems.map((p) => p.kind)).toEqual(['done-unreachable'])
    expect(labels(done)).toEqual(Array<string>(12).fill('not done'))
  })

  it('an empty sub-task follows its step when the step moves, and is dropped when the step goes', () => {
    const doc = imported([success([0, 20], [sub(1, GRASP, [0, 10]), sub(2, PLACE, [5, 10])], { notes: 'task not completed' })], 20)
    expect(doc.provenance.rawProposal!.unplaced).toEqual([{ order: 1, subtask: sub(2, PLACE, [5, 10]), after: 's1' }])
    // ProcVLM names the failed tail after the last completed sub-task: the empty Place.
    expect(labels(doc).slice(9, 11)).toEqual([GRASP, PLACE])
    const moved = edit(doc, (s) => {
      s[0]!.end = 7
      s[1]!.start = 7
      return s
    })
    expect(primary(docToProposal(moved).lines).results.subtasks).toEqual([sub(1, GRASP, [0, 7]), sub(2, PLACE, [5, 7])])
    expect(labels(moved)).toEqual([...Array<string>(7).fill(GRASP), ...Array<string>(13).fill(PLACE)])
    const gone = edit(doc, (s) => [{ ...s[1]!, start: 0 }])
    const r = docToProposal(gone)
    expect(r.problems.map((p) => p.kind)).toEqual(['dropped-subtask'])
  })

  it('puts the other lines back in their places', () => {
    const lines = [failure([0, 10]), success([10, 30], [sub(1, GRASP, [10, 15])]), success([30, 40], [sub(1, PUSH, [30, 35])], { taskId: 2 })]
    const doc = imported(lines, 40)
    expect(doc.task).toBe('put the cup on the plate')
    expect(docToProposal(doc).lines).toStrictEqual(lines)
    expect(docToFlat(doc).frames).toStrictEqual(flattenProposal(lines, 40))
  })

  it('reports outside frames inside the task', () => {
    const doc = edit(base, (s) => [{ ...s[0]!, end: 4 }, { ...s[0]!, id: 'o', start: 4, end: 6, kind: 'outside', label: '' }, ...s.slice(1)])
    expect(docToProposal(doc).problems.map((p) => p.kind)).toEqual(['outside-inside-task'])
  })

  it('writes only the other lines for a document with no task frames', () => {
    const doc = imported([failure([0, 10])], 10)
    expect(docToProposal(doc).lines).toStrictEqual([failure([0, 10])])
  })
})

describe('docToFlat warnings', () => {
  it('lists what the flat format cannot carry', () => {
    const doc = imported([success([0, 20], [sub(1, GRASP, [0, 6], 'note'), sub(2, PLACE, [6, null])], { notes: 'task not completed' })], 20)
    const withBudget = edit(doc, (s) => {
      s[0]!.budget = { kind: 'weight', weight: 1.1 }
      return s
    })
    expect(docToFlat(withBudget).problems.map((p) => p.kind)).toEqual(['budget-not-exported', 'cutoff-not-exported', 'notes-not-exported', 'incomplete-absorbed'])
  })

  it('warns that a done task\'s last frame is always done', () => {
    const doc = imported([success([0, 12], [sub(1, GRASP, [0, 6])])], 12)
    const noTail = edit(doc, (s) => [s[0]!, { ...s[1]!, kind: 'step', label: PLACE, start: 6, end: 12 }])
    const r = docToFlat(noTail)
    expect(r.problems.map((p) => p.kind)).toEqual(['last-frame-tail'])
    expect(r.frames[11]!.sub_task).toBe('done')
  })
})
