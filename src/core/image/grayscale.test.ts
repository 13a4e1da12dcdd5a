import { describe, expect, it } from 'vitest'
import { lumaL, toGrayscaleL } from './grayscale'

// Values from Pillow 9.4 `Image.new('RGB', (1, 1), rgb).convert('L')` (unit_vectors.py). Rows marked * differ
// from truncating 0.299R + 0.587G + 0.114B, the formula of old Pillow and of many ports.
const PIL_L: [r: number, g: number, b: number, l: number][] = [
  [0, 0, 0, 0],
  [255, 255, 255, 255],
  [255, 0, 0, 76],
  [0, 255, 0, 150],
  [0, 0, 255, 29],
  [12, 34, 56, 30], // *
  [250, 251, 252, 251], // *
  [128, 64, 32, 79],
  [17, 230, 91, 150],
  [254, 1, 127, 91],
  [99, 99, 100, 99],
  [1, 2, 3, 2], // *
]

describe('toGrayscaleL = PIL convert("L")', () => {
  it.each(PIL_L)('rgb(%i, %i, %i) -> %i', (r, g, b, l) => {
    expect(lumaL(r, g, b)).toBe(l)
    expect(toGrayscaleL({ data: new Uint8Array([r, g, b]), width: 1, height: 1, channels: 3 })[0]).toBe(l)
  })

  it('ignores alpha in RGBA, as PIL does', () => {
    const data = new Uint8Array(PIL_L.flatMap(([r, g, b], i) => [r, g, b, (i * 53) % 256]))
    const out = toGrayscaleL({ data, width: PIL_L.length, height: 1, channels: 4 })
    expect(Array.from(out)).toEqual(PIL_L.map((row) => row[3]))
  })

  it('keeps every grey level (the weights sum to 65536)', () => {
    const data = new Uint8Array(256 * 3).map((_, i) => Math.floor(i / 3))
    expect(Array.from(toGrayscaleL({ data, width: 256, height: 1, channels: 3 }))).toEqual([...Array(256).keys()])
  })

  it('writes into a reused buffer and returns it', () => {
    const out = new Uint8Array(4).fill(7)
    const res = toGrayscaleL({ data: new Uint8Array([255, 0, 0, 0, 255, 0]), width: 2, height: 1, channels: 3 }, out)
    expect(res).toBe(out)
    expect(Array.from(out)).toEqual([76, 150, 7, 7])
  })
})
