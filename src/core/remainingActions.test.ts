import { describe, expect, it } from 'vitest'
import type { AnnotationDoc, Outcome, Segment } from './annotation'
import type { CompletionState, RemainingActionsOptions } from './remainingActions'
import { completionStates, docCompletionStates, firstFinishedFrame, labelsShowNotDone, remainingActions } from './remainingActions'

type L = string | null
const plain = (lists: readonly (readonly L[])[]) => lists.map((l) => [...l])

describe('remainingActions', () => {
  it.each<[string, L[], L[] | undefined, RemainingActionsOptions, L[][]]>([
    ['current step first, then the rest', ['A', 'A', 'B', 'B', 'done'], undefined, {}, [['A', 'B'], ['A', 'B'], ['B'], ['B'], []]],
    // ProcVLM ⚠: uniqueness keeps the last occurrence, so the first A's frames miss their own step.
    ['repeated name, data picker', ['A', 'B', 'A', 'done'], undefined, {}, [['B', 'A'], ['B', 'A'], ['A'], []]],
    ['repeated name, one-shot', ['A', 'B', 'A', 'Done'], undefined, { rule: 'one-shot' }, [['B', 'A'], ['B', 'A'], ['A'], []]],
    ['repeated name, fixed', ['A', 'B', 'A', 'done'], undefined, { fix: true }, [['A', 'B', 'A'], ['B', 'A'], ['A'], []]],
    ['repeated name in one run is one entry, fixed', ['A', 'A', 'B', 'B', 'A'], undefined, { fix: true }, [['A', 'B', 'A'], ['A', 'B', 'A'], ['B', 'A'], ['B', 'A'], ['A']]],
    // ProcVLM ⚠: the data picker filters only exact 'done', 'not done', ''.
    ['Done and done. are listed by the data picker', ['A', 'Done', 'done.'], undefined, {}, [['A', 'Done', 'done.'], ['Done', 'done.'], ['done.']]],
    ['the one-shot rule lower-cases done / not done, not done.', ['A', 'Done', 'NOT DONE', 'done.'], undefined, { rule: 'one-shot' }, [['A', 'done.'], ['done.'], ['done.'], ['done.']]],
    ['fixed drops every done / not done variant', ['A', 'Done', 'Not Done.', 'done.'], undefined, { fix: true }, [['A'], [], [], []]],
    ['the data picker skips empty labels, one-shot keeps them', ['A', '', 'B'], undefined, { rule: 'one-shot' }, [['A', '', 'B'], ['', 'B'], ['B']]],
    ['empty labels, data picker', ['A', '', 'B'], undefined, {}, [['A', 'B'], ['B'], ['B']]],
    // ProcVLM ⚠: None is not filtered by the data picker.
    ['null without tasks is listed', ['A', null, 'done'], undefined, {}, [['A', null], [null], []]],
    ['null padding (task null) gets [null]', [null, 'A', 'B', 'done', null], [null, 't', 't', 't', null], {}, [[null], ['A', 'B'], ['B'], [], [null]]],
    ['null padding, fixed', [null, 'A', 'B', 'done', null], [null, 't', 't', 't', null], { fix: true }, [[], ['A', 'B'], ['B'], [], []]],
    ['the list restarts where the task changes', ['A', 'B', 'C', 'D'], ['t1', 't1', 't2', 't2'], {}, [['A', 'B'], ['B'], ['C', 'D'], ['D']]],
    ['a name repeated across tasks is listed in each', ['A', 'B', 'A', 'B'], ['t1', 't1', 't2', 't2'], {}, [['A', 'B'], ['B'], ['A', 'B'], ['B']]],
    ['one-shot ignores tasks', ['A', 'B', 'C'], ['t1', 't1', 't2'], { rule: 'one-shot' }, [['A', 'B', 'C'], ['B', 'C'], ['C']]],
    ['empty episode', [], undefined, {}, []],
  ])('%s', (_name, labels, tasks, options, expected) => {
    const input = tasks === undefined ? { labels } : { labels, tasks }
    expect(plain(remainingActions(input, options))).toEqual(expected)
  })

  it('frames with the same list share one array', () => {
    const lists = remainingActions({ labels: ['A', 'A', 'A', 'B'] })
    expect(lists[0]).toBe(lists[1])
    expect(lists[1]).toBe(lists[2])
    expect(lists[2]).not.toBe(lists[3])
  })
})

describe('completion states', () => {
  it.each<[L, CompletionState]>([
    ['Grasp the cup.', 'in-step'],
    ['done', 'done'],
    ['Done.', 'done'],
    ['not done', 'not-done'],
    ['Not Done.', 'not-done'],
    ['Not done yet', 'in-step'],
    ['', 'outside'],
    [null, 'outside'],
  ])('%j -> %s', (label, state) => {
    expect(completionStates([label])).toEqual([state])
  })

  const seg = (id: string, start: number, end: number, kind: Segment['kind'], state: Segment['state'] = 'completed'): Segment =>
    ({ id, start, end, kind, label: kind === 'step' ? id : '', notes: '', state })
  const doc = (outcome: Outcome): Pick<AnnotationDoc, 'segments' | 'outcome' | 'frameCount'> => ({
    frameCount: 7, outcome,
    segments: [seg('o1', 0, 1, 'outside'), seg('A', 1, 3, 'step'), seg('B', 3, 4, 'step', 'incomplete'), seg('t', 4, 6, 'tail'), seg('o2', 6, 7, 'outside')],
  })

  it.each<[Outcome, CompletionState]>([[{ kind: 'done' }, 'done'], [{ kind: 'not-done', cutoff: 0.75 }, 'not-done'], [{ kind: 'failed' }, 'not-done']])(
    'a document\'s tail state follows its outcome (%j)',
    (outcome, tail) => {
      expect(docCompletionStates(doc(outcome))).toEqual(['outside', 'in-step', 'in-step', 'in-step', tail, tail, 'outside'])
    },
  )

  it.each<[string, L[], boolean]>([
    ['a done tail', ['A', 'B', 'done', null], false],
    ['a Done. tail', ['A', 'Done.'], false],
    ['a Not Done tail (one-shot)', ['A', 'B', 'Not Done'], true],
    ['a flattened failure: the tail repeats the last step', ['A', 'B', 'B', 'B'], true],
    ['nothing completed', ['not done', 'not done'], true],
    ['done, then not done', ['A', 'done', 'not done'], true],
    ['no labels at all', [null, null], true],
  ])('labelsShowNotDone: %s -> %s', (_name, labels, expected) => {
    expect(labelsShowNotDone(labels)).toBe(expected)
  })

  it('firstFinishedFrame finds p >= 1', () => {
    expect(firstFinishedFrame([0, 0.5, 0.99, 1, 1])).toBe(3)
    expect(firstFinishedFrame(new Float64Array([0, 0.75, 0.75]))).toBe(-1)
  })
})
