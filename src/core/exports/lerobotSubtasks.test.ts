// The SARM mapping as tables: the spec's worked example (§5 of ../shared/docs/lerobot-subtask-formats.md), then
// each mapping choice (tail, outside, incomplete, repeated, unnamed, not done) and the proportions file's bytes.
import { describe, expect, it } from 'vitest'
import type { Piece } from '@/test/lerobotDocs'
import { lerobotDoc, WORKED_EXAMPLE } from '@/test/lerobotDocs'
import type { AnnotationDoc, Outcome } from '../annotation'
import { ProblemLog } from '../problems'
import { sarmColumnValues, sarmEpisode, SARM_COLUMNS } from './lerobotSubtasks'
import { parseProportionsJson, proportionsJson, stageOrder, temporalProportions } from './temporalProportions'

describe('the worked example (§5.1)', () => {
  const log = new ProblemLog()
  const [ep0, ep1] = WORKED_EXAMPLE.map((d) => sarmEpisode(d, log))

  it.each([
    ['ep0', () => ep0, { names: ['reach', 'grasp', 'lift'], startFrames: [0, 15, 30], endFrames: [14, 29, 49], startTimes: [0, 1.5, 3], endTimes: [1.4, 2.9, 4.9] }],
    ['ep1', () => ep1, { names: ['reach', 'grasp', 'lift'], startFrames: [0, 10, 30], endFrames: [9, 29, 39], startTimes: [0, 1, 3], endTimes: [0.9, 2.9, 3.9] }],
  ])('%s dense columns', (_name, ep, dense) => {
    expect(ep()?.dense).toEqual(dense)
  })

  it.each([
    ['ep0', () => ep0, { names: ['task'], startFrames: [0], endFrames: [49], startTimes: [0], endTimes: [4.9] }],
    ['ep1', () => ep1, { names: ['task'], startFrames: [0], endFrames: [39], startTimes: [0], endTimes: [3.9] }],
  ])('%s auto sparse: one "task" segment over every frame', (_name, ep, sparse) => {
    expect(ep()?.sparse).toEqual(sparse)
  })

  it('writes the legacy unprefixed columns as a copy of sparse, and all 15 columns', () => {
    const columns = sarmColumnValues(ep0!)
    expect(Object.keys(columns)).toEqual(SARM_COLUMNS)
    expect(columns.subtask_names).toEqual(['task'])
    expect(columns.subtask_end_frames).toEqual([49])
    expect(columns.dense_subtask_end_times).toEqual([1.4, 2.9, 4.9])
  })

  it('gives the proportions 0.275 / 0.400 / 0.325 in the order reach, grasp, lift', () => {
    const p = temporalProportions([ep1!, ep0!].map((e) => ({ episodeIndex: e.episodeIndex, subtasks: e.dense })))
    expect(p.map(([n]) => n)).toEqual(['reach', 'grasp', 'lift'])
    expect(p.map(([, v]) => v)).toEqual([expect.closeTo(0.275, 12), expect.closeTo(0.4, 12), expect.closeTo(0.325, 12)])
    expect(proportionsJson(p)).toMatch(/^\{\n {2}"reach": 0\.27\d*,\n {2}"grasp": 0\.\d+,\n {2}"lift": 0\.32\d*\n\}\n$/)
    expect(log.problems).toEqual([])
  })
})

describe('mapping choices', () => {
  const map = (doc: AnnotationDoc): { dense: unknown; kinds: string[] } => {
    const log = new ProblemLog()
    const ep = sarmEpisode(doc, log)
    return { dense: ep.dense && { names: ep.dense.names, starts: ep.dense.startFrames, ends: ep.dense.endFrames }, kinds: log.problems.map((p) => `${p.severity}:${p.kind}`) }
  }
  it.each<[string, Piece[], Outcome, unknown, string[]]>([
    ['the tail joins no segment (SARM: after the last end = finished)',
      [['step', 'a', 0, 10], ['step', 'b', 10, 20], ['tail', '', 20, 30]], { kind: 'done' },
      { names: ['a', 'b'], starts: [0, 10], ends: [9, 19] }, []],
    ['outside frames before and after join no segment',
      [['outside', '', 0, 5], ['step', 'a', 5, 10], ['step', 'b', 10, 20], ['outside', '', 20, 25]], { kind: 'done' },
      { names: ['a', 'b'], starts: [5, 10], ends: [9, 19] }, []],
    ['an incomplete step is left out (a gap: held at the previous end)',
      [['step', 'a', 0, 10], ['step', 'b', 10, 15, 'incomplete'], ['step', 'b', 15, 20]], { kind: 'done' },
      { names: ['a', 'b'], starts: [0, 15], ends: [9, 19] }, ['warning:sarm-incomplete-step']],
    ['a repeated name is kept, with a warning',
      [['step', 'a', 0, 10], ['step', 'b', 10, 15], ['step', 'a', 15, 20]], { kind: 'done' },
      { names: ['a', 'b', 'a'], starts: [0, 10, 15], ends: [9, 14, 19] }, ['warning:sarm-repeated-subtask']],
    ['no named step: null', [['step', '', 0, 20]], { kind: 'done' }, null, ['warning:sarm-no-named-step']],
    ['an unnamed step among named ones: null, an error', [['step', 'a', 0, 10], ['step', ' ', 10, 20]], { kind: 'done' },
      null, ['error:sarm-unnamed-step']],
    ['not done: null', [['step', 'a', 0, 10], ['tail', '', 10, 20]], { kind: 'not-done', cutoff: 0.75 }, null, ['warning:sarm-not-done']],
    ['failed: null', [['step', 'a', 0, 20, 'incomplete']], { kind: 'failed' }, null, ['warning:sarm-not-done']],
    ['only incomplete steps: null', [['step', 'a', 0, 20, 'incomplete']], { kind: 'done' }, null,
      ['warning:sarm-incomplete-step', 'warning:sarm-no-named-step']],
  ])('%s', (_name, pieces, outcome, dense, kinds) => {
    expect(map(lerobotDoc(3, 30, pieces, outcome))).toEqual({ dense, kinds })
  })

  it('names the episode in every problem', () => {
    const log = new ProblemLog()
    sarmEpisode(lerobotDoc(7, 30, [['step', 'a', 0, 10], ['step', '', 10, 20]]), log)
    expect(log.problems[0]).toMatchObject({ episode: 7, message: expect.stringContaining('frames 10–19') as string })
  })
})

describe('temporal proportions', () => {
  const level = (names: string[], bounds: [number, number][]): { names: string[]; startFrames: number[]; endFrames: number[]; startTimes: number[]; endTimes: number[] } =>
    ({ names, startFrames: bounds.map(([s]) => s), endFrames: bounds.map(([, e]) => e), startTimes: [], endTimes: [] })

  it('averages a name only over the episodes where it appears, then renormalises', () => {
    const p = temporalProportions([
      { episodeIndex: 0, subtasks: level(['a', 'b'], [[0, 9], [10, 19]]) }, // a .5 b .5
      { episodeIndex: 1, subtasks: level(['a', 'c', 'b'], [[0, 9], [10, 29], [30, 39]]) }, // a .25 c .5 b .25
      { episodeIndex: 2, subtasks: null },
    ])
    // averages a .375, b .375, c .5 → sum 1.25
    expect(p).toEqual([['a', 0.3], ['c', 0.4], ['b', 0.3]])
  })

  it('counts both durations of a repeated name', () => {
    expect(temporalProportions([{ episodeIndex: 0, subtasks: level(['a', 'b', 'a'], [[0, 9], [10, 19], [20, 39]]) }]))
      .toEqual([['a', 0.75], ['b', 0.25]])
  })

  it.each<[string, string[][], string[], boolean]>([
    ['first appearance when every episode agrees', [['a', 'b', 'c'], ['a', 'c']], ['a', 'b', 'c'], false],
    ['merges orders: a later episode places a name the first lacks', [['reach', 'lift'], ['reach', 'grasp', 'lift']], ['reach', 'grasp', 'lift'], false],
    ['contradicting orders fall back to first appearance, with a warning', [['a', 'b'], ['b', 'a']], ['a', 'b'], true],
    ['integer-like names keep their place', [['2', '1', 'x']], ['2', '1', 'x'], false],
  ])('stage order: %s', (_name, sequences, order, warned) => {
    const log = new ProblemLog()
    expect(stageOrder(sequences, log)).toEqual(order)
    expect(log.problems.map((p) => p.kind)).toEqual(warned ? ['sarm-stage-order-conflict'] : [])
  })

  it('serialises deterministically, floats as Python writes them, non-ASCII escaped, and reads back in order', () => {
    const text = proportionsJson([['2', 0.5], ['é "x"', 0.25], ['task', 1]])
    expect(text).toBe('{\n  "2": 0.5,\n  "\\u00e9 \\"x\\"": 0.25,\n  "task": 1.0\n}\n')
    expect(parseProportionsJson(text)).toEqual([['2', 0.5], ['é "x"', 0.25], ['task', 1]])
    expect(parseProportionsJson('{"task": 1.0}')).toEqual([['task', 1]])
    expect(parseProportionsJson('{}')).toEqual([])
    expect(parseProportionsJson('{"a": "x"}')).toBeUndefined()
    expect(parseProportionsJson('[1]')).toBeUndefined()
  })
})
