import { describe, expect, it } from 'vitest'
import type { DiffItem } from '@/core/docDiff'
import { itemText, shiftText, targetText } from './diffText'

const step = { id: 's5', start: 45, end: 60, label: 'B2', state: 'completed' as const, share: 0.1875 }

describe('the Changes list\'s words', () => {
  const cases: { item: DiffItem; text: string; shift?: string }[] = [
    { item: { kind: 'boundary', stepId: 's1', label: 'A', edge: 'end', from: 30, to: 33, delta: 3, neighbour: { id: 's2', kind: 'step', name: 'B' }, frame: 33 }, text: '“A” | “B”: 30 → 33', shift: '+3 f' },
    { item: { kind: 'boundary', stepId: 's3', label: 'C', edge: 'start', from: 60, to: 30, delta: -30, neighbour: { id: 's1', kind: 'step', name: 'A' }, frame: 30 }, text: '“A” | “C”: 60 → 30', shift: '−30 f' },
    { item: { kind: 'added', step, within: { id: 's2', kind: 'step', name: 'B' }, frame: 45 }, text: 'Added “B2”, frames 45–59, were “B”' },
    { item: { kind: 'boundary', stepId: 's3', label: 'C', edge: 'end', from: 90, to: 88, delta: -2, neighbour: { id: 's4', kind: 'tail', name: 'done' }, frame: 88 }, text: '“C” | done: 90 → 88', shift: '−2 f' },
    { item: { kind: 'removed', step: { ...step, label: '' }, frame: 45 }, text: 'Removed unnamed step, frames 45–59' },
    { item: { kind: 'renamed', stepId: 's2', from: 'B', to: 'Grasp B', frame: 30 }, text: 'Renamed “B” → “Grasp B”' },
    { item: { kind: 'outcome', from: { kind: 'done' }, to: { kind: 'not-done', cutoff: 0.75 }, frame: 0 }, text: 'Outcome done → not done (cutoff 0.75)' },
    { item: { kind: 'region', start: 90, end: 91, from: 'tail', to: 'outside', frame: 90 }, text: 'frame 90: tail → excluded' },
    { item: { kind: 'budget', stepId: 's1', label: 'A', shareBefore: 1 / 3, shareAfter: 0.5, overrideChanged: true, overrideAfter: { kind: 'locked', share: 0.5 }, frame: 0 }, text: 'Budget “A”: 33.3% → 50.0%' },
  ]
  it.each(cases)('$text', ({ item, text, shift }) => {
    const t = itemText(item)
    expect(t.text).toBe(text)
    expect(t.shift).toBe(shift)
  })

  it('a one-frame shift still reads as a number; the target in points', () => {
    expect(shiftText(-1)).toBe('−1 f')
    expect(targetText({ maxAbs: 0.0412, maxFrame: 120, before: 0.5, after: 0.5412, meanAbs: 0.012 })).toBe('max |Δ| 4.1 pts at frame 120 · mean 1.2 pts')
    expect(targetText({ maxAbs: 0, maxFrame: 0, before: 0, after: 0, meanAbs: 0 })).toBe('the target is the proposal\'s')
  })
})
