import { describe, expect, it } from 'vitest'
import { checkInvariants } from '../annotation'
import { importVlmProposal, proposalToDoc } from './proposalToDoc'
import { CLOSE, GRASP, PLACE, PROPOSAL_CASES as cases, segs, sub, success, TASK } from '@/test/testLines'

describe('proposalToDoc', () => {
  it.each(Object.entries(cases))('%s', (_name, c) => {
    const options = c.frames === undefined ? { file: 'sub_task_jsonl/demo/episode_000007.sub_task.jsonl', fps: 10 } : { file: 'sub_task_jsonl/demo/episode_000007.sub_task.jsonl', fps: 10, frameCount: c.frames }
    const { doc, problems } = proposalToDoc(c.lines, options)
    expect(segs(doc)).toEqual(c.segments)
    expect(doc?.outcome).toEqual(c.outcome)
    expect(problems.map((p) => p.kind)).toEqual(c.kinds)
    expect(checkInvariants(doc!)).toEqual([])
    for (const p of problems) expect(p).toMatchObject({ file: 'sub_task_jsonl/demo/episode_000007.sub_task.jsonl', episode: 'episode_000007' })
  })

  it('names the episode from the path and keeps notes, task, provenance and the proposal', () => {
    const lines = [success([0, 20], [sub(1, GRASP, [0, 8], 'closed at 8'), sub(2, PLACE, [8, 14])], { notes: 'The cup is on the plate.', taskId: 3 })]
    const { doc } = proposalToDoc(lines, { file: 'sub_task_jsonl/bridge_orig_lerobot/episode_000114.sub_task.jsonl', frameCount: 20, fps: 5 })
    expect(doc).toMatchObject({ dataset: 'bridge_orig_lerobot', episode: 'episode_000114', episodeIndex: 114, task: TASK, fps: 5, frameCount: 20 })
    expect(doc!.segments.map((s) => s.id)).toEqual(['s1', 's2', 's3'])
    expect(doc!.segments[0]!.notes).toBe('closed at 8')
    expect(doc!.provenance).toMatchObject({ sourceFormat: 'vlm-proposal', overallNotes: 'The cup is on the plate.', taskIndex: 3, sourceFile: 'sub_task_jsonl/bridge_orig_lerobot/episode_000114.sub_task.jsonl' })
    expect(doc!.provenance.proposal).toEqual({ segments: doc!.segments, outcome: doc!.outcome })
    expect(doc!.provenance.proposal!.segments).not.toBe(doc!.segments)
  })

  it('keeps absent sub-tasks in the memo rather than dropping them', () => {
    const { doc } = proposalToDoc([success([0, 20], [sub(1, GRASP, [0, 5]), sub(2, CLOSE, [null, null], 'not present')])], { frameCount: 20, fps: 10 })
    expect(doc!.provenance.rawProposal!.unplaced).toEqual([{ order: 1, subtask: sub(2, CLOSE, [null, null], 'not present') }])
  })

  it('imports the same file to the same document (ids and all)', () => {
    const text = JSON.stringify(cases['not done: incomplete step after the last completion, absent one off the timeline']!.lines[0])
    expect(importVlmProposal(text, { frameCount: 24, fps: 10 })).toEqual(importVlmProposal(text, { frameCount: 24, fps: 10 }))
  })

  it('reports an empty file and returns no document', () => {
    const r = importVlmProposal('\n\n', { file: 'x.sub_task.jsonl', fps: 10 })
    expect(r.doc).toBeUndefined()
    expect(r.problems.map((p) => [p.kind, p.severity])).toEqual([['empty-file', 'error']])
  })

  it('warns once when no fps is given', () => {
    const r = importVlmProposal(JSON.stringify(success([0, 12], [sub(1, GRASP, [0, 4])])), { frameCount: 12 })
    expect(r.doc?.fps).toBe(30)
    expect(r.problems.map((p) => p.kind)).toEqual(['fps-assumed'])
  })

  it('combines parse and build problems with their file lines', () => {
    const text = `oops\n${JSON.stringify(success([0, 12], [sub(1, GRASP, [0, 4]), sub(2, PLACE, [4, 30])]))}`
    const r = importVlmProposal(text, { frameCount: 12, fps: 10, file: 'f' })
    expect(r.problems.map((p) => [p.kind, p.line])).toEqual([['malformed-json', 1], ['frame-out-of-range', 2]])
  })
})
