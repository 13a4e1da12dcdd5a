import { describe, expect, it } from 'vitest'
import { ProblemLog } from '../problems'
import { describeShape, looksLikeJsonlWith } from './fileShape'
import { parsePredictions } from './predictions'
import { parseInferenceJsonl } from './inference'

const bench = Array.from({ length: 30 }, (_, i) => JSON.stringify({ id: `ep/${i}`, task_goal: 'place', visual_demo: ['a.jpg'], total_steps: '4', progress_score: '8%' })).join('\n')

describe('file shapes', () => {
  it('describes what a file looks like', () => {
    expect(describeShape(bench)).toBe('a JSON object per line with keys id, task_goal, visual_demo, total_steps, progress_score (30 lines)')
    expect(describeShape('')).toBe('an empty file')
    expect(describeShape('a,b,c\n1,2,3')).toBe('a table whose first line is "a,b,c" (2 lines)')
    expect(describeShape('\u0000\u0001\uFFFD\uFFFDabc')).toMatch(/^binary data/)
    expect(describeShape('[1,2]\n[3]')).toBe('a JSON array per line (2 lines)')
    expect(describeShape('hello world')).toBe('text starting "hello world" (1 line)')
  })

  it('tells another JSONL format from a damaged one', () => {
    expect(looksLikeJsonlWith(bench, ['frame_index'])).toBe(false)
    expect(looksLikeJsonlWith('{"frame_ind\n{"frame_index": 1}', ['frame_index'])).toBe(true)
    // Nothing parses: the per-line reports say more than a shape would.
    expect(looksLikeJsonlWith('{"frame_ind\n{"fr', ['frame_index'])).toBe(true)
  })

  it('reports another format once in predictions and inference files', () => {
    for (const parse of [(t: string, l: ProblemLog) => parsePredictions(t, l), (t: string, l: ProblemLog) => parseInferenceJsonl(t, l)]) {
      const log = new ProblemLog({ file: 'bench.jsonl' })
      parse(bench, log)
      expect(log.problems).toHaveLength(1)
      expect(log.problems[0]).toMatchObject({ kind: 'unrecognised-format', file: 'bench.jsonl' })
      expect(log.problems[0]?.message).toMatch(/expected .*frame_index.*; the file is a JSON object per line with keys id, task_goal/)
    }
  })
})
