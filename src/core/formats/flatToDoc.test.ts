import { describe, expect, it } from 'vitest'
import type { Outcome } from '../annotation'
import { checkInvariants } from '../annotation'
import { docToFlat } from './docToFlat'
import { flatToDoc, importProcCorpus } from './flatToDoc'
import type { FlatFrame } from './procvlmTypes'
import { GRASP, PLACE, PUSH, segs, TASK } from '@/test/testLines'

/** Frames from runs: `[label, count]`, with `null` for padding; `task` for every labelled frame. */
function runs(...parts: [string | null, number][]): FlatFrame[] {
  const out: FlatFrame[] = []
  for (const [label, n] of parts) {
    for (let i = 0; i < n; i++) out.push({ frame_id: out.length, task: label === null ? null : TASK, sub_task: label })
  }
  return out
}
const text = (frames: readonly FlatFrame[]) => frames.map((f) => JSON.stringify(f)).join('\n')
const DONE: Outcome = { kind: 'done' }
const NOT_DONE: Outcome = { kind: 'not-done', cutoff: 0.75 }
const FAILED: Outcome = { kind: 'failed' }

describe('flatToDoc', () => {
  it('a frame_id far beyond the file (found by the fuzzer: it sized the label array) is out of range, not the length', () => {
    const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ frame_id: i, task: 't', sub_task: 's' }))
    lines.push(JSON.stringify({ frame_id: 1e15, task: 't', sub_task: 's' }))
    const { doc, problems } = importProcCorpus(lines.join('\n'), { file: 'demo/episode_000001.sub_task.jsonl', fps: 30 })
    expect(doc?.frameCount).toBe(20)
    expect(problems.find((p) => p.kind === 'frame-out-of-range')).toMatchObject({ line: 21 })
  })

  it.each<[string, string, number | undefined, string[], Outcome, string[]]>([
    ['procvlm-formats §2.5: Grasp to 4, Place to 9, done',
      text(runs([GRASP, 4], [PLACE, 5], ['done', 3])), undefined,
      [`step:${GRASP}[0,4)`, `step:${PLACE}[4,9)`, 'tail[9,12)'], DONE, []],
    ['null padding is outside',
      text(runs([null, 2], [GRASP, 4], [PLACE, 5], ['done', 3], [null, 4])), undefined,
      ['outside[0,2)', `step:${GRASP}[2,6)`, `step:${PLACE}[6,11)`, 'tail[11,14)', 'outside[14,18)'], DONE, []],
    ['failed: every task frame not done',
      text(runs(['not done', 12])), undefined,
      ['tail[0,12)'], FAILED, []],
    ['done from the first frame (every completion before the task start)',
      text(runs(['done', 12])), undefined,
      ['tail[0,12)'], DONE, []],
    ['not done: the failed tail is merged into the last step',
      text(runs([GRASP, 4], [PLACE, 8])), undefined,
      [`step:${GRASP}[0,4)`, `step:${PLACE}[4,12)`], NOT_DONE, ['failure-point-lost']],
    ['"not done" after steps, which ProcVLM never writes',
      text(runs([GRASP, 4], ['not done', 8])), undefined,
      [`step:${GRASP}[0,4)`, 'tail[4,12)'], FAILED, ['unreachable-flat']],
    ['mixed-case Done is an ordinary step to ProcVLM',
      text(runs([GRASP, 4], ['Done', 8])), undefined,
      [`step:${GRASP}[0,4)`, 'step:Done[4,12)'], NOT_DONE, ['failure-point-lost', 'mixed-case-done']],
    ['duplicate names',
      text(runs([GRASP, 3], [PLACE, 3], [GRASP, 3], ['done', 3])), undefined,
      [`step:${GRASP}[0,3)`, `step:${PLACE}[3,6)`, `step:${GRASP}[6,9)`, 'tail[9,12)'], DONE, ['duplicate-name']],
    ['a one-frame step and a short episode',
      text(runs([GRASP, 3], [PLACE, 1], ['done', 2])), undefined,
      [`step:${GRASP}[0,3)`, `step:${PLACE}[3,4)`, 'tail[4,6)'], DONE, ['short-episode', 'short-segment']],
    ['frames missing from the file are outside, as ProcVLM\'s loader reads them (here splitting the task)',
      text(runs([GRASP, 4], [PLACE, 5], ['done', 3]).filter((f) => f.frame_id !== 5 && f.frame_id !== 6)), undefined,
      [`step:${GRASP}[0,4)`, `step:${PLACE}[4,5)`, 'outside[5,12)'], NOT_DONE, ['missing-frame', 'multi-task-episode', 'failure-point-lost', 'short-segment']],
    ['a frame listed twice: the last line wins',
      `${text(runs([GRASP, 4], [PLACE, 5], ['done', 3]))}\n${JSON.stringify({ frame_id: 3, task: TASK, sub_task: PLACE })}`, undefined,
      [`step:${GRASP}[0,3)`, `step:${PLACE}[3,9)`, 'tail[9,12)'], DONE, ['duplicate-frame']],
    ['frames past the given frame count',
      text(runs([GRASP, 4], [PLACE, 5], ['done', 3])), 10,
      [`step:${GRASP}[0,4)`, `step:${PLACE}[4,9)`, 'tail[9,10)'], DONE, ['frame-out-of-range', 'frame-out-of-range']],
    ['more frames than the file lists: the rest is missing',
      text(runs([GRASP, 4], [PLACE, 5], ['done', 3])), 14,
      [`step:${GRASP}[0,4)`, `step:${PLACE}[4,9)`, 'tail[9,12)', 'outside[12,14)'], DONE, ['missing-frame']],
    ['multi-task: a second task text',
      text([...runs([GRASP, 4], ['done', 4]), ...runs([PUSH, 4], ['done', 4]).map((f) => ({ frame_id: f.frame_id + 8, task: 'push the plate', sub_task: f.sub_task }))]), undefined,
      [`step:${GRASP}[0,4)`, 'tail[4,8)', 'outside[8,16)'], DONE, ['multi-task-episode']],
    ['multi-task: labelled blocks separated by null frames',
      text(runs([GRASP, 4], ['done', 4], [null, 2], [PUSH, 4], ['not done', 0], [PUSH, 2])), undefined,
      [`step:${GRASP}[0,4)`, 'tail[4,8)', 'outside[8,16)'], DONE, ['multi-task-episode']],
    ['a task frame with a null sub_task',
      text(runs([GRASP, 4], ['done', 8]).map((f) => (f.frame_id === 11 ? { ...f, sub_task: null } : f))), undefined,
      [`step:${GRASP}[0,4)`, 'tail[4,11)', 'outside[11,12)'], DONE, ['unreachable-flat']],
  ])('%s', (_name, file, frameCount, expected, outcome, kinds) => {
    const r = importProcCorpus(file, frameCount === undefined ? { file: 'v2/sub_task/demo/episode_000002.sub_task.jsonl', fps: 10 } : { file: 'v2/sub_task/demo/episode_000002.sub_task.jsonl', fps: 10, frameCount })
    expect(segs(r.doc)).toEqual(expected)
    expect(r.doc?.outcome).toEqual(outcome)
    expect(r.problems.map((p) => p.kind)).toEqual(kinds)
    expect(checkInvariants(r.doc!)).toEqual([])
    expect(r.doc).toMatchObject({ dataset: 'demo', episode: 'episode_000002', episodeIndex: 2 })
  })

  it('procvlm-formats §2.7: the composed record is what the §2.5 file imports to, and exports back', () => {
    const flat = runs([GRASP, 4], [PLACE, 5], ['done', 3])
    const { doc } = flatToDoc(flat.map((frame, i) => ({ frame, line: i + 1 })), { dataset: 'bridge_orig_lerobot', episode: 'episode_000114', fps: 5 })
    // {"segments": [{"name": "Grasp the cup.", "start": 0, "end": 4}, {"name": "Place the cup onto the plate.", "start": 4, "end": 9}], "outcome": "done", "tail_label": "done"}
    expect(doc).toMatchObject({ dataset: 'bridge_orig_lerobot', episode: 'episode_000114', episodeIndex: 114, task: TASK, fps: 5, frameCount: 12, outcome: { kind: 'done' } })
    expect(doc!.segments.filter((s) => s.kind === 'step').map((s) => ({ name: s.label, start: s.start, end: s.end })))
      .toEqual([{ name: GRASP, start: 0, end: 4 }, { name: PLACE, start: 4, end: 9 }])
    expect(docToFlat(doc!)).toEqual({ frames: flat, problems: [] })
  })

  it('a task done from its first frame keeps, in the memo, the zero-frame sub-task ProcVLM needs to write it', () => {
    const flat = runs([null, 2], ['done', 10])
    const { doc } = importProcCorpus(text(flat), { fps: 10 })
    expect(doc!.provenance.rawProposal!.unplaced).toEqual([{ order: 0, subtask: { id: 1, name: TASK, start_frame: 2, complete_frame: 2 } }])
    expect(docToFlat(doc!)).toEqual({ frames: flat, problems: [] })
  })

  it('keeps the other task blocks for export', () => {
    const file = text(runs([GRASP, 4], ['done', 4], [null, 2], [PUSH, 6]))
    const { doc } = importProcCorpus(file, { fps: 10 })
    expect(doc!.provenance.rawProposal!.otherLines).toHaveLength(1)
    expect(docToFlat(doc!).frames).toEqual(runs([GRASP, 4], ['done', 4], [null, 2], [PUSH, 6]))
  })

  it('reports bad lines with their line numbers and keeps going', () => {
    const file = `${JSON.stringify({ frame_id: 0, task: TASK, sub_task: GRASP })}\nnope\n${JSON.stringify({ frame_id: 'x' })}\n${JSON.stringify({ frame_id: 1, task: TASK, sub_task: 'done' })}`
    const r = importProcCorpus(file, { fps: 10 })
    expect(r.problems.map((p) => [p.kind, p.line])).toEqual([['malformed-json', 2], ['bad-frame-id', 3], ['short-episode', undefined], ['short-segment', undefined]])
    expect(segs(r.doc)).toEqual([`step:${GRASP}[0,1)`, 'tail[1,2)'])
  })

  it('reports an empty file', () => {
    expect(importProcCorpus('', { fps: 10 }).problems.map((p) => p.kind)).toEqual(['empty-file'])
  })
})
