/**
 * Synthetic test images defined by integer formulas, the same as in unit_vectors.py, so the pHash unit tests
 * compare against values PIL + SciPy computed on identical pixels.
 */
import type { PixelBuffer } from '../../../core/frameStamp'

/** The LCG byte stream of unit_vectors.py `lcg_bytes`. */
export function lcgBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n)
  let s = seed
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff
    out[i] = (s >>> 16) & 0xff
  }
  return out
}

/** unit_vectors.py `pattern_l`: an 8-bit grey test pattern. */
export function patternL(w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h)
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = (x * 37 + y * 11 + ((x * y) % 7)) % 256
  return out
}

export type SyntheticKind = 'noise' | 'gradient' | 'checker' | 'blob' | 'flat'

function pixel(kind: Exclude<SyntheticKind, 'noise'>, x: number, y: number, size: { w: number; h: number }): [number, number, number] {
  const mod = (v: number): number => ((v % 256) + 256) % 256
  switch (kind) {
    case 'gradient':
      return [mod(x * 7 + y * 3), mod(x * y), mod(255 - 2 * x)]
    case 'checker': {
      const v = (Math.floor(x / 8) + Math.floor(y / 8)) % 2 === 0 ? 230 : 20
      return [v, Math.floor(v / 2), 255 - v]
    }
    case 'blob': {
      const d = (x - Math.floor(size.w / 3)) ** 2 + (y - Math.floor(size.h / 2)) ** 2
      const v = d < Math.floor(Math.min(size.w, size.h) / 4) ** 2 ? 255 : 40
      return [v, mod(v + x), mod(y * 5)]
    }
    case 'flat':
      return [90, 120, 200]
  }
}

/** unit_vectors.py `synthetic_rgb` as an RGB PixelBuffer. */
export function syntheticRgb(kind: SyntheticKind, w: number, h: number): PixelBuffer {
  if (kind === 'noise') return { data: lcgBytes(w * h * 3, 12345), width: w, height: h, channels: 3 }
  const data = new Uint8Array(w * h * 3)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) data.set(pixel(kind, x, y, { w, h }), (y * w + x) * 3)
  }
  return { data, width: w, height: h, channels: 3 }
}
