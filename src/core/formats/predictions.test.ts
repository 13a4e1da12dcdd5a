import { describe, expect, it } from 'vitest'
import { ProblemLog } from '../problems'
import { parsePredictions } from './predictions'
import type { PredictionsOptions } from './predictions'

function read(text: string, options: PredictionsOptions = {}): { result: ReturnType<typeof parsePredictions>; kinds: string[] } {
  const log = new ProblemLog({ file: 'pred' })
  const result = parsePredictions(text, log, options)
  return { result, kinds: log.problems.map((p) => p.kind) }
}

const points = (r: ReturnType<typeof parsePredictions>): [string | undefined, number, number][] =>
  r.series.flatMap((s) => s.frames.map((f): [string | undefined, number, number] => [s.episode, f.frameIndex, f.progress]))

describe('parsePredictions', () => {
  it.each([
    ['JSONL without episode, 0..100', '{"frame_index":0,"progress":0}\n{"frame_index":1,"progress":55.5}', 'percent', [[undefined, 0, 0], [undefined, 1, 55.5]], []],
    ['JSONL with episodes, numeric episode names', '{"episode":"a","frame_index":0,"progress":10}\n{"episode":7,"frame_index":0,"progress":20}', 'percent', [['a', 0, 10], ['7', 0, 20]], []],
    ['JSONL frame_id alias, 0..1 (clear: reaches 1)', '{"frame_id":0,"progress":0.25}\n{"frame_id":1,"progress":1}', 'unit', [[undefined, 0, 25], [undefined, 1, 100]], []],
    ['CSV, columns in any order, quoted episode', 'progress,episode,frame_index\n0.5,"ep, one",3\n0.75,"ep, one",4\n', 'unit', [['ep, one', 3, 50], ['ep, one', 4, 75]], []],
    ['CSV 0..100 with CRLF and BOM', '\uFEFFframe_index,progress\r\n0,10\r\n1,20\r\n', 'percent', [[undefined, 0, 10], [undefined, 1, 20]], []],
    ['ambiguous: all within 0..1 but tiny', '{"frame_index":0,"progress":0.1}\n{"frame_index":1,"progress":0.3}', 'unit', [[undefined, 0, 10], [undefined, 1, 30]], ['progress-scale-assumed']],
    ['ambiguous: only 0 and 1', 'frame_index,progress\n0,0\n1,1', 'unit', [[undefined, 0, 0], [undefined, 1, 100]], ['progress-scale-assumed']],
  ] as [string, string, string, [string | undefined, number, number][], string[]][])('%s', (_name, text, scale, want, kinds) => {
    const { result, kinds: got } = read(text)
    expect(result.scale).toBe(scale)
    const pts = points(result)
    expect(pts.map((p) => [p[0], p[1]])).toEqual(want.map((p) => [p[0], p[1]]))
    pts.forEach((p, i) => expect(p[2]).toBeCloseTo(want[i]?.[2] as number, 12))
    expect(got).toEqual(kinds)
  })

  it('an explicit scale wins over detection, without a warning', () => {
    const { result, kinds } = read('frame_index,progress\n0,0\n1,1', { scale: 'percent' })
    expect(points(result)).toEqual([[undefined, 0, 0], [undefined, 1, 1]])
    expect(kinds).toEqual([])
  })

  it('reports bad rows and keeps the rest', () => {
    const text = [
      '{"episode":"a","frame_index":0,"progress":10}',
      '{"episode":"a","frame_index":1.5,"progress":10}',
      '{"episode":"a","frame_index":2,"progress":"x"}',
      '{"episode":"a","frame_index":3,"progress":NaN}',
      '{"episode":["a"],"frame_index":4,"progress":10}',
      '{"frame_index":5,"progress":10}',
      '{"episode":"a","frame_index":0,"progress":99}',
      '{"episode":"a","frame_index":6,"progress":150}',
      '42',
    ].join('\n')
    const { result, kinds } = read(text)
    expect(points(result)).toEqual([['a', 0, 10], ['a', 6, 150]])
    // NaN reads as null after its own error; a null progress is a frame without a value (a warning).
    expect(kinds).toEqual(['non-finite-number', 'bad-frame-index', 'bad-progress', 'no-prediction', 'bad-episode', 'bad-prediction', 'missing-episode', 'progress-out-of-range', 'duplicate-frame'])
  })

  it('sorts frames out of order per episode, with a warning naming the episode', () => {
    const log = new ProblemLog()
    const r = parsePredictions('episode,frame_index,progress\nb,5,50\nb,1,10\na,0,0', log)
    expect(points(r)).toEqual([['b', 1, 10], ['b', 5, 50], ['a', 0, 0]])
    expect(log.problems).toMatchObject([{ kind: 'frames-out-of-order', episode: 'b', severity: 'warning' }])
  })

  it.each([
    ['CSV without the needed header', 'frame,value\n0,1', ['unrecognised-format']],
    ['CSV bad cells', 'frame_index,progress\n-1,5\nx,5\n2,\n3,abc\n4,50', []],
    ['empty', '', ['no-predictions']],
  ])('%s', (_name, text, kinds) => {
    const { kinds: got } = read(text, { format: 'csv' })
    if (kinds.length > 0) expect(got).toEqual(kinds)
    else expect(got).toEqual(['bad-frame-index', 'bad-frame-index', 'bad-progress', 'bad-progress'])
  })
})
