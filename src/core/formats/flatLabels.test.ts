import { describe, expect, it } from 'vitest'
import { ProblemLog } from '../problems'
import { flatFrameLabels, flatRemainingActions, frameRanges } from './flatLabels'
import type { FlatFrame } from './procvlmTypes'

const T = 'put the cup on the plate'
const line = (frame_id: number, sub_task: string | null, task: string | null = T): FlatFrame => ({ frame_id, task, sub_task })

describe('flat labels as ProcVLM\'s data picker reads them', () => {
  it.each([
    ['clean file', [line(0, 'A'), line(1, 'A'), line(2, 'done')], 3, ['A', 'A', 'done'], []],
    ['missing frame -> null', [line(0, 'A'), line(2, 'done')], 3, ['A', null, 'done'], ['frame-without-label']],
    ['duplicated frame id: the last line wins', [line(0, 'A'), line(1, 'A'), line(1, 'B'), line(2, 'done')], 3, ['A', 'B', 'done'], ['duplicate-frame-id']],
    ['lines past the last frame are ignored', [line(0, 'A'), line(1, 'A'), line(2, 'B')], 2, ['A', 'A'], ['frame-count-mismatch', 'label-past-last-frame']],
    ['two task texts', [line(0, 'A'), line(1, 'A', 'other'), line(2, 'done')], 3, ['A', 'A', 'done'], ['pipeline-skips-episode']],
    ['no step at all', [line(0, 'not done'), line(1, 'not done')], 2, ['not done', 'not done'], ['pipeline-skips-episode']],
  ])('%s', (_, lines, n, labels, kinds) => {
    const log = new ProblemLog()
    expect(flatFrameLabels(lines, n, log)).toEqual(labels)
    expect(log.problems.map((p) => p.kind)).toEqual(kinds)
  })

  it('remaining actions: the first line of a duplicated frame id gives its list', () => {
    const lines = [line(0, 'A'), line(1, 'A'), line(1, 'B'), line(2, 'done')]
    expect(flatRemainingActions(lines, 3)).toEqual([['A', 'B'], ['A', 'B'], []])
  })

  it.each([[[1, 2, 3, 7, 9, 10], '1-3, 7, 9-10'], [[], ''], [[5], '5']])('frameRanges(%j) = %s', (frames, text) => {
    expect(frameRanges(frames)).toBe(text)
  })
})
