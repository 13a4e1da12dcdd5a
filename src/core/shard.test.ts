import { describe, expect, it } from 'vitest'
import { fnv1a32, inShard, parseShard, shardOf } from './shard'

const names = Array.from({ length: 10_000 }, (_, i) => `episode_${String(i).padStart(6, '0')}`)

describe('fnv1a32', () => {
  // The published FNV-1a 32-bit test vectors (isthe.com/chongo/tech/comp/fnv), plus a non-ASCII name as UTF-8.
  it.each<[string, number]>([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('%j -> %d', (text, hash) => {
    expect(fnv1a32(text)).toBe(hash)
  })

  it('hashes UTF-8 bytes, not UTF-16 code units', () => {
    // "é" is C3 A9 in UTF-8: FNV-1a over those two bytes.
    let h = 0x811c9dc5
    for (const b of [0xc3, 0xa9]) h = Math.imul(h ^ b, 0x01000193) >>> 0
    expect(fnv1a32('é')).toBe(h)
  })
})

describe('shardOf', () => {
  it('is stable: these assignments are part of the contract (a changed hash would reshuffle running job arrays)', () => {
    // Computed independently with a few lines of Python (FNV-1a over the UTF-8 bytes, mod N).
    expect(fnv1a32('demo\u0000episode_000000')).toBe(0xe1c64530)
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => shardOf('demo', names[i]!, 3))).toEqual([0, 2, 1, 0, 2, 1, 0])
    expect(names.slice(0, 12).map((n) => shardOf('gen', n, 4))).toEqual([1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 0, 3])
    expect(names.slice(0, 12).map((n) => shardOf('corpus', n, 7))).toEqual([6, 1, 3, 5, 5, 0, 2, 4, 1, 3, 0, 5])
  })

  it('the dataset name is part of the key, separated from the episode so "ab"+"c" differs from "a"+"bc"', () => {
    expect(fnv1a32('ab\u0000c')).not.toBe(fnv1a32('a\u0000bc'))
    const other = names.filter((n) => shardOf('a', n, 4) !== shardOf('b', n, 4))
    expect(other.length).toBeGreaterThan(5000)
  })

  it.each([1, 2, 3, 4, 7, 16, 100])('N = %i: every one of 10,000 names lands in exactly one shard, each within 15%% of N-th', (n) => {
    const counts = new Array<number>(n).fill(0)
    for (const name of names) {
      const s = shardOf('corpus', name, n)
      expect(s >= 0 && s < n && Number.isInteger(s)).toBe(true)
      counts[s]!++
      expect([...Array(n).keys()].filter((i) => inShard({ index: i, count: n }, 'corpus', name))).toEqual([s])
    }
    const even = names.length / n
    for (const c of counts) expect(Math.abs(c - even)).toBeLessThanOrEqual(Math.max(0.15 * even, 4 * Math.sqrt(even)))
  })
})

describe('parseShard', () => {
  it.each<[string, Record<string, string>, { index: number; count: number }]>([
    ['0/1', {}, { index: 0, count: 1 }],
    ['2/3', {}, { index: 2, count: 3 }],
    [' 6/7 ', {}, { index: 6, count: 7 }],
    ['auto/4', { SLURM_ARRAY_TASK_ID: '3' }, { index: 3, count: 4 }],
    ['auto/4', { JOB_COMPLETION_INDEX: '1' }, { index: 1, count: 4 }],
    ['auto/4', { SLURM_ARRAY_TASK_ID: '2', JOB_COMPLETION_INDEX: '1' }, { index: 2, count: 4 }],
    ['auto/4', { SLURM_ARRAY_TASK_ID: '', JOB_COMPLETION_INDEX: '0' }, { index: 0, count: 4 }],
  ])('%j with %j', (spec, env, shard) => {
    expect(parseShard(spec, env)).toEqual({ ok: true, shard })
  })

  it.each<[string, Record<string, string>, RegExp]>([
    ['3/3', {}, /--shard '3\/3': the shard index is 3, but shards of 3 are numbered 0 to 2/],
    ['x', {}, /--shard 'x': expected i\/N, e.g. --shard 0\/4/],
    ['1/0', {}, /N must be a whole number of shards >= 1, not '0'/],
    ['-1/3', {}, /must be a whole number from 0 to 2, not '-1'/],
    ['1.5/3', {}, /not '1.5'/],
    ['1/2/3', {}, /expected i\/N/],
    ['1/x', {}, /not 'x'/],
    ['auto/4', {}, /auto needs the shard index in SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX, and neither is set/],
    ['auto/4', { SLURM_ARRAY_TASK_ID: '4' }, /the shard index \(from SLURM_ARRAY_TASK_ID\) is 4, but shards of 4 are numbered 0 to 3 \(is the array larger than N\?\)/],
    ['auto/4', { JOB_COMPLETION_INDEX: 'abc' }, /\(from JOB_COMPLETION_INDEX\) must be a whole number from 0 to 3, not 'abc'/],
  ])('refuses %j with %j', (spec, env, message) => {
    const parsed = parseShard(spec, env)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.reason).toMatch(message)
  })
})
