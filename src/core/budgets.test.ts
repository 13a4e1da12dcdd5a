import { describe, expect, it } from 'vitest'
import type { BudgetOverride, Segment } from './annotation'
import { lockedOverride, overrideForShare, procvlmWeights, stepShares, unlockedOverride } from './budgets'

function step(id: string, start: number, end: number, budget?: BudgetOverride, label = id): Segment {
  return { id, start, end, kind: 'step', label, notes: '', state: 'completed', ...(budget ? { budget } : {}) }
}
const tail = (start: number, end: number): Segment => ({ id: 'tail', start, end, kind: 'tail', label: '', notes: '', state: 'completed' })

function withOverride(segments: Segment[], id: string, budget: BudgetOverride | undefined): Segment[] {
  return segments.map((s) => {
    if (s.id !== id) return s
    const { budget: _old, ...rest } = s
    return budget === undefined ? rest : { ...rest, budget }
  })
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0)

describe('procvlmWeights', () => {
  it.each([
    [[4, 3], [8 / 7, 6 / 7]], // procvlm-formats §3.3 case 1
    [[4, 5], [8 / 9, 10 / 9]], // case 3
    [[1, 1, 10], [0.75, 0.75, 1.25]], // clipped both ways
    [[5], [1]],
  ])('%j -> %j', (lengths, expected) => {
    procvlmWeights(lengths).forEach((w, i) => expect(w).toBeCloseTo(expected[i]!, 12))
  })
})

describe('stepShares', () => {
  const base = [step('A', 0, 4), step('B', 4, 7), tail(7, 9)]

  it('matches ProcVLM normalised weights without overrides', () => {
    const shares = stepShares({ segments: base })
    expect(shares.get('A')).toBeCloseTo(4 / 7, 12)
    expect(shares.get('B')).toBeCloseTo(3 / 7, 12)
    expect(shares.has('tail')).toBe(false)
  })

  it('keeps a locked share and renormalises the rest', () => {
    const segs = [step('A', 0, 4), step('B', 4, 7, { kind: 'locked', share: 0.2 }), step('C', 7, 9), tail(9, 10)]
    const shares = stepShares({ segments: segs })
    expect(shares.get('B')).toBeCloseTo(0.2, 12)
    expect(sum(shares)).toBeCloseTo(1, 12)
    expect(shares.get('A')! / shares.get('C')!).toBeCloseTo(procvlmWeights([4, 3, 2])[0]! / procvlmWeights([4, 3, 2])[2]!, 12)
  })

  it('gives unnamed and done-labelled steps no budget', () => {
    const shares = stepShares({ segments: [step('A', 0, 4), step('x', 4, 6, undefined, ''), step('d', 6, 8, undefined, 'Done')] })
    expect([...shares.keys()]).toEqual(['A'])
    expect(shares.get('A')).toBe(1)
  })

  it('normalises when every step is locked', () => {
    const segs = [step('A', 0, 4, { kind: 'locked', share: 0.3 }), step('B', 4, 7, { kind: 'locked', share: 0.3 })]
    expect(stepShares({ segments: segs }).get('A')).toBeCloseTo(0.5, 12)
  })
})

describe('overrideForShare', () => {
  const segs = [step('A', 0, 40), step('B', 40, 70), step('C', 70, 90), tail(90, 100)]

  it.each([0.1, 0.5, 0.9])('sets an unlocked step to exactly %f and keeps the others in proportion', (share) => {
    const r = overrideForShare({ segments: segs }, 'B', share)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const before = stepShares({ segments: segs })
    const after = stepShares({ segments: withOverride(segs, 'B', r.budget) })
    expect(after.get('B')).toBeCloseTo(share, 12)
    expect(sum(after)).toBeCloseTo(1, 12)
    expect(after.get('A')! / after.get('C')!).toBeCloseTo(before.get('A')! / before.get('C')!, 12)
  })

  it('rejects a share the locks leave no room for', () => {
    const locked = withOverride(segs, 'A', { kind: 'locked', share: 0.7 })
    const r = overrideForShare({ segments: locked }, 'B', 0.4)
    expect(r.ok).toBe(false)
  })

  it('rejects changing the only unlocked step', () => {
    const locked = withOverride(withOverride(segs, 'A', { kind: 'locked', share: 0.5 }), 'C', { kind: 'locked', share: 0.2 })
    const r = overrideForShare({ segments: locked }, 'B', 0.1)
    expect(r).toMatchObject({ ok: false })
    expect(overrideForShare({ segments: locked }, 'B', 0.3).ok).toBe(true)
  })

  it('moves a locked share and the unlocked steps absorb the change', () => {
    const locked = withOverride(segs, 'A', { kind: 'locked', share: 0.5 })
    const r = overrideForShare({ segments: locked }, 'A', 0.6)
    expect(r).toEqual({ ok: true, budget: { kind: 'locked', share: 0.6 } })
  })

  it('rejects non-steps and out-of-range shares', () => {
    expect(overrideForShare({ segments: segs }, 'tail', 0.1).ok).toBe(false)
    expect(overrideForShare({ segments: segs }, 'A', 0).ok).toBe(false)
    expect(overrideForShare({ segments: segs }, 'A', 1.5).ok).toBe(false)
  })
})

describe('lock and unlock keep every share where it is', () => {
  const segs = [step('A', 0, 40), step('B', 40, 70, { kind: 'weight', weight: 2 }), step('C', 70, 90)]
  it('lock then unlock', () => {
    const before = stepShares({ segments: segs })
    const lock = lockedOverride({ segments: segs }, 'B')
    expect(lock.ok).toBe(true)
    if (!lock.ok) return
    const locked = withOverride(segs, 'B', lock.budget)
    stepShares({ segments: locked }).forEach((v, k) => expect(v).toBeCloseTo(before.get(k)!, 12))
    const unlock = unlockedOverride({ segments: locked }, 'B')
    expect(unlock.ok).toBe(true)
    if (!unlock.ok) return
    stepShares({ segments: withOverride(locked, 'B', unlock.budget) }).forEach((v, k) => expect(v).toBeCloseTo(before.get(k)!, 12))
  })
})
