/**
 * Seeded randomness: the demo dataset and the ProcVQA export are pure functions of their seeds, never of
 * `Math.random` or the clock, so the same command makes the same files.
 *
 * The generator is mulberry32 (32-bit state, period 2^32): small, fast, identical in every JavaScript engine.
 * It does not reproduce Python's `random` module (a Mersenne Twister), so code ported from ProcVLM makes the
 * same *kind* of choices with the same probabilities, not the same choices.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number
  /** Integer in [lo, hi], inclusive. */
  int(lo: number, hi: number): number
  /** Standard normal (Box-Muller). */
  normal(): number
}

export function makeRng(seed: number): Rng {
  let s = seed >>> 0
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    normal: () => {
      const u = Math.max(next(), 1e-12)
      const v = next()
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    },
  }
}

/**
 * A 32-bit seed derived from a base seed and a list of names (FNV-1a over the seed's four bytes and each name's
 * UTF-16 code units, with a separator between names, then a murmur3 finaliser so close inputs land far apart).
 * Used to give every episode its own stream: `deriveSeed(seed, dataset, episode)` depends on nothing else, so an
 * episode's choices do not change with the order of the export or with which other episodes are in it.
 */
export function deriveSeed(seed: number, ...names: readonly string[]): number {
  let h = 0x811c9dc5
  const mix = (byte: number): void => {
    h = Math.imul(h ^ byte, 0x01000193)
  }
  const base = seed >>> 0
  for (let shift = 0; shift < 32; shift += 8) mix((base >>> shift) & 0xff)
  for (const name of names) {
    mix(0xff) // separator: ('ab', 'c') and ('a', 'bc') differ
    for (let i = 0; i < name.length; i++) {
      const unit = name.charCodeAt(i)
      mix(unit & 0xff)
      mix(unit >>> 8)
    }
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/**
 * Shuffle `items` in place, the way Python's `random.shuffle` walks them (from the end, swapping item i with a
 * uniform pick from 0..i), and return it.
 */
export function shuffleInPlace<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i)
    const tmp = items[i]!
    items[i] = items[j]!
    items[j] = tmp
  }
  return items
}
