// The answers of every family, byte for byte, on the procvlm-formats.md §3.3 episode: labels
// [A, A, A, A, B, B, B, done, done] with the §3.3 similarities, so every frame's progress is known:
// p = [0, 0, .126984, .380952, .571429, .571429, .877551, 1, 1] (cutoff 0.75: the same times 0.75).
import { describe, expect, it } from 'vitest'
import type { AnnotationDoc, BudgetOverride, Outcome } from '../annotation'
import { docOf } from '@/test/docs'
import type { ProcvqaEpisode, ProcvqaFamily } from './procvqa'
import { procvqaEpisode } from './procvqa'
import { segmentationAnswer } from './procvqaSegmentation'
import { PROCEDURAL_A1, PROCEDURAL_C } from './procvqaTemplates'

const GRASP = 'Grasp the cup.'
const PLACE = 'Place the cup onto the plate.'
const REASON = 'The cup rests on the plate'
const TASK = 'put the cup on the plate'
const SIMS = [1.0, 0.5, 0.75, 0.9, 0.25, 1.0, 0.3, 1.0]

function episode(options: { outcome?: Outcome; budgets?: [BudgetOverride, BudgetOverride]; reason?: string } = {}): AnnotationDoc {
  const doc = docOf([[GRASP, 4], [PLACE, 3], ['tail', 2]], { outcome: options.outcome ?? { kind: 'done' } })
  const budgets = options.budgets
  return {
    ...doc,
    segments: doc.segments.map((s, i) => (budgets !== undefined && i < 2 ? { ...s, budget: budgets[i]! } : s)),
    provenance: { ...doc.provenance, ...(options.reason === undefined ? {} : { finishReason: options.reason }) },
  }
}

/** Every answer a family gives at each frame (meta.frame_index) over seeds 1..40. */
function answersByFrame(doc: AnnotationDoc, family: ProcvqaFamily): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>()
  for (let seed = 1; seed <= 40; seed++) {
    for (const { record } of procvqaEpisode({ doc, similarities: SIMS, camera: 'front', seed, families: [family] }).records) {
      const set = out.get(record.meta.frame_index) ?? new Set<string>()
      set.add(record.conversations[1].value)
      out.set(record.meta.frame_index, set)
    }
  }
  return out
}

function expectAnswers(actual: Map<number, Set<string>>, expected: (string | undefined)[]): void {
  expected.forEach((answer, frame) => {
    if (answer === undefined) expect(actual.has(frame), `frame ${frame} has no record`).toBe(false)
    else expect([...(actual.get(frame) ?? [])], `frame ${frame}`).toEqual([answer])
  })
  expect([...actual.keys()].every((f) => expected[f] !== undefined)).toBe(true)
}

const progressText = (list: string, pct: string) => `The following actions are required: \n${list}\nTherefore, the estimated progress is <progress>${pct}</progress>.`
const BOTH = `1. ${GRASP}\n2. ${PLACE}`
const LAST = `1. ${PLACE}`
const FINISHED_C = `${REASON}.\nTherefore, the estimated progress is <progress>100%</progress>.`
const lists = [BOTH, BOTH, BOTH, BOTH, LAST, LAST, LAST]

describe('family c answers come from the corrected target', () => {
  it.each([
    ['done (§3.3 case 1)', episode({ reason: REASON }), ['0.00%', '0.00%', '12.70%', '38.10%', '57.14%', '57.14%', '87.76%'], [FINISHED_C, FINISHED_C]],
    ['not done, cutoff 0.75 (§3.3 case 2): scaled; the tail has nothing left to do', episode({ outcome: { kind: 'not-done', cutoff: 0.75 } }),
      ['0.00%', '0.00%', '9.52%', '28.57%', '42.86%', '42.86%', '65.82%'], [undefined, undefined]],
    ['budgets overridden (weights 1 and 3: shares 25% / 75%)', episode({ reason: REASON, budgets: [{ kind: 'weight', weight: 1 }, { kind: 'weight', weight: 3 }] }),
      ['0.00%', '0.00%', '5.56%', '16.67%', '25.00%', '25.00%', '78.57%'], [FINISHED_C, FINISHED_C]],
    ['budget locked (A holds 60%)', episode({ reason: REASON, budgets: [{ kind: 'locked', share: 0.6 }, { kind: 'weight', weight: 1 }] }),
      ['0.00%', '0.00%', '13.33%', '40.00%', '60.00%', '60.00%', '88.57%'], [FINISHED_C, FINISHED_C]],
    ['done, but no finish reason: finished frames are skipped', episode(), ['0.00%', '0.00%', '12.70%', '38.10%', '57.14%', '57.14%', '87.76%'], [undefined, undefined]],
  ])('%s', (_name, doc, pcts, finished) => {
    expectAnswers(answersByFrame(doc, 'c'), [...pcts.map((p, f) => progressText(lists[f]!, p)), ...finished])
  })

  it('asks with one <image> per window frame, then the procedural_c prompt', () => {
    const { records } = procvqaEpisode({ doc: episode({ reason: REASON }), similarities: SIMS, camera: 'front', seed: 3, families: ['c'] })
    for (const { record } of records) {
      expect(record.conversations[0]).toEqual({ from: 'human', value: '<image>\n'.repeat(record.image.length) + PROCEDURAL_C.replace('{task}', TASK) })
    }
  })

  it('counts the frames it skips', () => {
    const skipped = (doc: AnnotationDoc) => Array.from({ length: 10 }, (_, s) => procvqaEpisode({ doc, similarities: SIMS, camera: 'front', seed: s }).skipped)
    expect(skipped(episode()).some((s) => (s['no-finish-reason'] ?? 0) > 0)).toBe(true)
    expect(skipped(episode({ outcome: { kind: 'not-done', cutoff: 0.75 } })).some((s) => (s['no-remaining-actions'] ?? 0) > 0 && (s['next-not-a-step'] ?? 0) > 0)).toBe(true)
    expect(skipped(episode({ reason: REASON })).every((s) => Object.keys(s).length === 0)).toBe(true)
  })
})

describe('family b answers are the next frame\'s', () => {
  const finished = `No action required. ${REASON}.`
  it.each([
    ['b1: the next frame\'s label', 'b1' as const, [GRASP, GRASP, GRASP, PLACE, PLACE, PLACE, finished, finished]],
    ['b2: the next frame\'s remaining actions', 'b2' as const, [BOTH, BOTH, BOTH, LAST, LAST, LAST, finished, finished]],
  ])('%s; the last frame is never asked about', (_name, family, expected) => {
    expectAnswers(answersByFrame(episode({ reason: REASON }), family), [...expected, undefined])
  })

  it('a trailing full stop of the finish reason is not doubled', () => {
    expectAnswers(answersByFrame(episode({ reason: ` ${REASON}. ` }), 'b1'), [GRASP, GRASP, GRASP, PLACE, PLACE, PLACE, finished, finished, undefined])
  })

  it('not done: frames followed by a tail frame have no next action', () => {
    expectAnswers(answersByFrame(episode({ outcome: { kind: 'not-done', cutoff: 0.75 } }), 'b1'), [GRASP, GRASP, GRASP, PLACE, PLACE, PLACE, undefined, undefined, undefined])
  })
})

describe('family a answers', () => {
  const whole = `[{"action_description": "${GRASP}", "start_frame": 0, "end_frame": 3}, {"action_description": "${PLACE}", "start_frame": 4, "end_frame": 6}]`

  it('a1: the whole task, every frame tagged <frame k>, the JSON of the runs with inclusive sample positions', () => {
    const result: ProcvqaEpisode = procvqaEpisode({ doc: episode({ reason: REASON }), similarities: SIMS, camera: 'front', seed: 1, families: ['a1'] })
    expect(result.records).toHaveLength(1)
    const [item] = result.records
    expect(item!.frames).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
    expect(item!.record.conversations).toEqual([
      { from: 'human', value: Array.from({ length: 9 }, (_, k) => `<frame ${k}>\n<image>\n`).join('') + PROCEDURAL_A1.replace('{task}', TASK) },
      { from: 'gpt', value: whole },
    ])
  })

  it('a2: nothing, the whole task again, or two step ranges that are not the whole task', () => {
    const seen = new Set<string>()
    const counts = new Set<number>()
    for (let seed = 1; seed <= 40; seed++) {
      const a2 = procvqaEpisode({ doc: episode({ reason: REASON }), similarities: SIMS, camera: 'front', seed, families: ['a2'] }).records
      counts.add(a2.length)
      for (const { record } of a2) seen.add(record.conversations[1].value)
    }
    expect([...counts].sort()).toEqual([0, 1, 2])
    expect([...seen].sort()).toEqual([
      `[{"action_description": "${GRASP}", "start_frame": 0, "end_frame": 3}]`,
      `[{"action_description": "${PLACE}", "start_frame": 0, "end_frame": 2}]`,
      whole,
    ].sort())
  })

  it.each([
    ['runs over the sampled frames only', ['A', 'A', 'B', 'B', 'B', 'done'], [0, 2, 4, 5], '[{"action_description": "A", "start_frame": 0, "end_frame": 0}, {"action_description": "B", "start_frame": 1, "end_frame": 2}]'],
    ['done, not done, empty and null runs left out', [null, 'A', '', 'Done', 'not done.', 'B'], [0, 1, 2, 3, 4, 5], '[{"action_description": "A", "start_frame": 1, "end_frame": 1}, {"action_description": "B", "start_frame": 5, "end_frame": 5}]'],
    ['non-ASCII written as is, quotes escaped (ensure_ascii=False)', ['Öffne die "Tür" – 扉', 'Öffne die "Tür" – 扉'], [0, 1], '[{"action_description": "Öffne die \\"Tür\\" – 扉", "start_frame": 0, "end_frame": 1}]'],
    ['nothing valid: an empty list', ['done', 'done'], [0, 1], '[]'],
  ])('segmentationAnswer: %s', (_name, labels, frames, expected) => {
    expect(segmentationAnswer(labels, frames)).toBe(expected)
  })
})
