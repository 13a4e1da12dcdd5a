import { decode } from 'jpeg-js'
import { afterEach, describe, expect, it } from 'vitest'
import type { PixelBuffer } from '../frameStamp'
import { PIL_DEFAULT_QUALITY, encodeJpeg } from './jpeg'

function gradient(width: number, height: number, channels: 3 | 4, alpha = 255): PixelBuffer {
  const data = new Uint8Array(width * height * channels)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * channels
      data[o] = (x * 255) / (width - 1)
      data[o + 1] = (y * 255) / (height - 1)
      data[o + 2] = ((x + y) * 4) % 256
      if (channels === 4) data[o + 3] = alpha
    }
  }
  return { data, width, height, channels }
}

/** The marker segments before the scan, by marker byte. */
function segments(jpeg: Uint8Array): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>()
  let i = 2
  while (i + 4 <= jpeg.length && jpeg[i] === 0xff && jpeg[i + 1] !== 0xda) {
    const length = (jpeg[i + 2]! << 8) | jpeg[i + 3]!
    out.set(jpeg[i + 1]!, jpeg.subarray(i + 4, i + 2 + length))
    i += 2 + length
  }
  return out
}

// The IJG example tables (JPEG standard, Annex K) scaled for quality 75 as libjpeg does it for PIL:
// scale = 200 - 2 * 75 = 50%, entry = floor((base * 50 + 50) / 100), in natural (row-major) order.
const LUMA = [16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99]
const ZIGZAG = [0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63]

describe('encodeJpeg', () => {
  const realBuffer = (globalThis as { Buffer?: unknown }).Buffer
  afterEach(() => {
    ;(globalThis as { Buffer?: unknown }).Buffer = realBuffer
  })

  it('writes a baseline JFIF file that decodes to the same size and nearly the same pixels', () => {
    const image = gradient(37, 21, 3)
    const jpeg = encodeJpeg(image)
    expect(jpeg).toBeInstanceOf(Uint8Array)
    expect(Object.getPrototypeOf(jpeg)).toBe(Uint8Array.prototype)
    expect([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9])
    const back = decode(jpeg, { useTArray: true })
    expect([back.width, back.height]).toEqual([37, 21])
    let sum = 0
    for (let p = 0; p < 37 * 21; p++) for (let c = 0; c < 3; c++) sum += Math.abs(back.data[p * 4 + c]! - image.data[p * 3 + c]!)
    expect(sum / (37 * 21 * 3)).toBeLessThan(4)
  })

  it('defaults to PIL\'s quality 75: libjpeg\'s luminance table at 75, and 4:4:4 chroma (PIL: 4:2:0)', () => {
    expect(PIL_DEFAULT_QUALITY).toBe(75)
    const jpeg = encodeJpeg(gradient(16, 16, 3))
    const dqt = segments(jpeg).get(0xdb)!
    const luma = Array.from({ length: 64 }, (_, k) => Math.floor((LUMA[ZIGZAG[k]!]! * 50 + 50) / 100))
    expect(Array.from(dqt.subarray(1, 65))).toEqual(luma)
    const sof = segments(jpeg).get(0xc0)!
    expect([sof[7], sof[10], sof[13]]).toEqual([0x11, 0x11, 0x11])
    expect(encodeJpeg(gradient(16, 16, 3), 75)).toEqual(jpeg)
  })

  it.each([
    ['RGB and RGBA of the same pixels', () => encodeJpeg(gradient(20, 12, 4, 7))],
    ['a second call', () => encodeJpeg(gradient(20, 12, 3))],
  ])('gives the same bytes for %s', (_what, again) => {
    expect(again()).toEqual(encodeJpeg(gradient(20, 12, 3)))
  })

  it('works where there is no Buffer (the browser), lending one only for the call', () => {
    const expected = encodeJpeg(gradient(20, 12, 3))
    delete (globalThis as { Buffer?: unknown }).Buffer
    expect(encodeJpeg(gradient(20, 12, 3))).toEqual(expected)
    expect((globalThis as { Buffer?: unknown }).Buffer).toBeUndefined()
  })

  it('changes with the quality', () => {
    expect(encodeJpeg(gradient(20, 12, 3), 95).length).toBeGreaterThan(encodeJpeg(gradient(20, 12, 3), 30).length)
  })

  it.each<[string, PixelBuffer, number]>([
    ['a short buffer', { data: new Uint8Array(5), width: 2, height: 2, channels: 3 }, 75],
    ['a zero width', { data: new Uint8Array(0), width: 0, height: 2, channels: 3 }, 75],
    ['quality 0', gradient(4, 4, 3), 0],
    ['quality 75.5', gradient(4, 4, 3), 75.5],
  ])('refuses %s', (_what, image, quality) => {
    expect(() => encodeJpeg(image, quality)).toThrow(/encodeJpeg/)
  })
})
