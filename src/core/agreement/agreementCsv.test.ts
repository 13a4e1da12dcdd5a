import { describe, expect, it } from 'vitest'
import { compareAnnotators } from '../agreement'
import { AGREEMENT_CSV_COLUMNS, agreementCsv, csvField } from './agreementCsv'
import { labelled, THREE_STEPS } from '@/test/agreementDocs'

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    [0.1 + 0.2, '0.3'],
    [2 / 3, '0.666667'],
    [12, '12'],
    [undefined, ''],
  ])('%j -> %j', (value, expected) => {
    expect(csvField(value)).toBe(expected)
  })
})

describe('agreementCsv', () => {
  it('writes a header and one row per pair, in the fixed column order, with CRLF line ends', () => {
    const a = labelled({ dataset: 'kitchen, north', steps: THREE_STEPS })
    const b = labelled({ dataset: 'kitchen, north', steps: [['Grasp the cup.', 36], ['Lift the cup.', 60], ['Place the cup.', 90]], outcome: { kind: 'not-done', cutoff: 0.75 } })
    const report = compareAnnotators([{ name: 'ann', docs: [a] }, { name: 'bob "B"', docs: [b] }, { name: 'cy', docs: [a] }])
    const text = agreementCsv(report)
    expect(text.endsWith('\r\n')).toBe(true)
    const lines = text.split('\r\n').slice(0, -1)
    expect(lines[0]).toBe(AGREEMENT_CSV_COLUMNS.join(','))
    expect(lines[0]).toBe('dataset,episode,frames,annotator_a,annotator_b,boundary_f1,boundaries_a,boundaries_b,boundaries_matched,boundary_mean_error,'
      + 'label_agreement,budget_mean_abs_diff,budget_max_abs_diff,steps_only_a,steps_only_b,outcome_a,outcome_b,outcome_agree,cutoff_diff')
    expect(lines.slice(1)).toEqual([
      // 2 of 3 boundaries within ±5 (both exact); 6 Grasp frames and 10 tail frames differ; shares 0.4, 0.8/3, 1/3.
      '"kitchen, north",episode_000000,100,ann,"bob ""B""",0.666667,3,3,2,0,0.84,0.044444,0.066667,0,0,done,not-done,0,',
      '"kitchen, north",episode_000000,100,ann,cy,1,3,3,3,0,1,0,0,0,0,done,done,1,',
      '"kitchen, north",episode_000000,100,"bob ""B""",cy,0.666667,3,3,2,0,0.84,0.044444,0.066667,0,0,not-done,done,0,',
    ])
  })

  it('is only the header when nothing was compared', () => {
    expect(agreementCsv({ episodes: [] })).toBe(`${AGREEMENT_CSV_COLUMNS.join(',')}\r\n`)
  })
})
