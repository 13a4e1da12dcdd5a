/**
 * Mutations of valid files for the fuzzer: byte-level damage (truncation, flipped bytes, invalid UTF-8, cut and
 * repeated ranges) and JSON-aware damage (a value swapped for a huge number, NaN, Infinity, -0, a string, a deep
 * nest; a key deleted; lines repeated or reordered). Each is a pure function of the seeded generator, so a failing
 * case is replayed from its seed.
 */
import type { Rng } from '@/core/random'

export interface Mutation {
  name: string
  apply(input: Uint8Array, rng: Rng): Uint8Array
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(0, items.length - 1)] as T

/** The bytes of `parts`, one after another. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** Values JSON lines should not hold, or hold at the edge; the sentinels become bare NaN / Infinity tokens. */
const ODD_VALUES: unknown[] = [1e308, -1e308, 2 ** 53 + 1, -0, -1, 0.5, '__NaN__', '__Infinity__', '__-Infinity__', 'x', '', null, true, [], {}, [1, 'a'], { a: null }, '1e999']

function serialise(value: unknown): string {
  return JSON.stringify(value).replace(/"__(NaN|Infinity|-Infinity)__"/g, '$1')
}

/** A random path into a JSON value: the parent and the key to change. */
function randomSlot(value: unknown, rng: Rng): { parent: Record<string, unknown> | unknown[]; key: string | number } | undefined {
  let parent: Record<string, unknown> | unknown[] | undefined
  let key: string | number | undefined
  let node = value
  for (let depth = 0; depth < 6; depth++) {
    const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : typeof node === 'object' && node !== null ? Object.keys(node) : []
    if (keys.length === 0) break
    parent = node as Record<string, unknown> | unknown[]
    key = pick<string | number>(rng, keys)
    node = (parent as Record<string | number, unknown>)[key]
    if (rng.next() < 0.4) break
  }
  return parent === undefined || key === undefined ? undefined : { parent, key }
}

/** Applies `change` to one random JSON line (or the whole text when it is one JSON document). */
function onJson(input: Uint8Array, rng: Rng, change: (value: unknown) => unknown): Uint8Array {
  const text = decoder.decode(input)
  try {
    return encoder.encode(serialise(change(JSON.parse(text))))
  } catch {
    // JSON Lines: change one line.
  }
  const lines = text.split('\n')
  const i = rng.int(0, Math.max(0, lines.length - 1))
  try {
    lines[i] = serialise(change(JSON.parse(lines[i] ?? '')))
  } catch {
    return input
  }
  return encoder.encode(lines.join('\n'))
}

function replaceValue(value: unknown, rng: Rng, by: () => unknown): unknown {
  const slot = randomSlot(value, rng)
  if (slot === undefined) return by()
  ;(slot.parent as Record<string | number, unknown>)[slot.key] = by()
  return value
}

function lineOp(input: Uint8Array, op: (lines: string[]) => void): Uint8Array {
  const lines = decoder.decode(input).split('\n')
  op(lines)
  return encoder.encode(lines.join('\n'))
}

export const MUTATIONS: Mutation[] = [
  { name: 'truncate', apply: (b, rng) => b.slice(0, rng.int(0, b.length)) },
  {
    name: 'flip-bytes',
    apply: (b, rng) => {
      const out = b.slice()
      for (let n = rng.int(1, 8); n > 0 && out.length > 0; n--) out[rng.int(0, out.length - 1)] = rng.int(0, 255)
      return out
    },
  },
  { name: 'invalid-utf8', apply: (b, rng) => { const at = rng.int(0, b.length); return concat(b.slice(0, at), Uint8Array.from([0xff, 0xc3, 0x28, 0xe2, 0x82]), b.slice(at)) } },
  { name: 'cut-range', apply: (b, rng) => { const at = rng.int(0, b.length); return concat(b.slice(0, at), b.slice(Math.min(b.length, at + rng.int(1, 64)))) } },
  { name: 'repeat-range', apply: (b, rng) => { const at = rng.int(0, b.length); const piece = b.slice(at, at + rng.int(1, 256)); return concat(b.slice(0, at), piece, piece, b.slice(at)) } },
  { name: 'zero-range', apply: (b, rng) => { const out = new Uint8Array(b); const at = rng.int(0, out.length); out.fill(0, at, Math.min(out.length, at + rng.int(1, 64))); return out } },
  { name: 'odd-value', apply: (b, rng) => onJson(b, rng, (v) => replaceValue(v, rng, () => pick(rng, ODD_VALUES))) },
  {
    name: 'delete-key',
    apply: (b, rng) => onJson(b, rng, (v) => {
      const slot = randomSlot(v, rng)
      if (slot !== undefined) {
        if (Array.isArray(slot.parent)) slot.parent.splice(Number(slot.key), 1)
        else delete slot.parent[slot.key]
      }
      return v
    }),
  },
  {
    name: 'deep-nesting',
    apply: (b, rng) => onJson(b, rng, (v) => replaceValue(v, rng, () => JSON.parse('['.repeat(3000) + ']'.repeat(3000)) as unknown)),
  },
  { name: 'duplicate-lines', apply: (b, rng) => lineOp(b, (ls) => { const i = rng.int(0, ls.length - 1); ls.splice(i, 0, ...ls.slice(i, i + rng.int(1, 5))) }) },
  {
    name: 'reorder-lines',
    apply: (b, rng) => lineOp(b, (ls) => {
      for (let n = rng.int(1, 5); n > 0; n--) {
        const i = rng.int(0, ls.length - 1)
        const j = rng.int(0, ls.length - 1)
        ;[ls[i], ls[j]] = [ls[j] as string, ls[i] as string]
      }
    }),
  },
  { name: 'huge-number-text', apply: (b, rng) => lineOp(b, (ls) => { const i = rng.int(0, ls.length - 1); ls[i] = (ls[i] ?? '').replace(/\d+/, '9'.repeat(rng.int(20, 400))) }) },
]

/** One case: 1–3 mutations drawn from `rng`, their names for the report. */
export function mutate(input: Uint8Array, rng: Rng): { bytes: Uint8Array; names: string[] } {
  let bytes = input
  const names: string[] = []
  for (let n = rng.int(1, 3); n > 0; n--) {
    const m = pick(rng, MUTATIONS)
    bytes = m.apply(bytes, rng)
    names.push(m.name)
  }
  return { bytes, names }
}
