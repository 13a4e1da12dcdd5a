import { describe, expect, it } from 'vitest'
import { phashHex, phashHexOfGray } from '../phash'
import { toGrayscaleL } from './grayscale'
import { grayOfYuv, yuv420ToGrayL } from './yuvToGray'

/** BT.601 limited-range YUV of an RGB colour, rounded (what an encoder stores). */
function yuvOf(r: number, g: number, b: number): [number, number, number] {
  const y = 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255
  const u = 128 + (-37.797 * r - 74.203 * g + 112 * b) / 255
  const v = 128 + (112 * r - 93.786 * g - 18.214 * b) / 255
  return [Math.round(y), Math.round(u), Math.round(v)]
}

describe('yuv420ToGrayL', () => {
  it.each([[0, 0, 0], [255, 255, 255], [128, 128, 128], [255, 0, 0], [0, 255, 0], [0, 0, 255], [200, 120, 40]])('a flat %i,%i,%i frame comes back within one level of its grey', (r, g, b) => {
    const [y, u, v] = yuvOf(r, g, b)
    const frame = { width: 4, height: 2, y: new Uint8Array(8).fill(y), yStride: 4, u: new Uint8Array(2).fill(u), v: new Uint8Array(2).fill(v), uvStride: 2 }
    const expected = toGrayscaleL({ data: Uint8Array.from([r, g, b]), width: 1, height: 1, channels: 3 })[0]!
    for (const l of yuv420ToGrayL(frame)) expect(Math.abs(l - expected)).toBeLessThanOrEqual(1)
  })

  it('reads I420 and NV12 alike, with row strides wider than the picture', () => {
    const i420 = { width: 2, height: 2, y: Uint8Array.from([50, 60, 0, 70, 80, 0]), yStride: 3, u: Uint8Array.from([90, 0]), v: Uint8Array.from([170, 0]), uvStride: 2 }
    const nv12 = { width: 2, height: 2, y: i420.y, yStride: 3, uv: Uint8Array.from([90, 170, 0, 0]), uvStride: 4 }
    expect(Array.from(yuv420ToGrayL(nv12))).toEqual(Array.from(yuv420ToGrayL(i420)))
  })

  it.each([[37, 23], [64, 48], [1, 1]])('the table gives every pixel of a %i×%i noise frame what the per-pixel conversion does', (width, height) => {
    // Deterministic noise over every value of Y, U and V, odd sizes included (a last column and row of their own).
    let seed = width * 7919 + height
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24
    const cw = Math.ceil(width / 2)
    const ch = Math.ceil(height / 2)
    const yStride = width + 3
    const y = Uint8Array.from({ length: yStride * height }, next)
    const u = Uint8Array.from({ length: cw * ch }, next)
    const v = Uint8Array.from({ length: cw * ch }, next)
    const uv = Uint8Array.from({ length: 2 * cw * ch }, (_, i) => (i % 2 === 0 ? u[i >> 1]! : v[i >> 1]!))
    const expected: number[] = []
    for (let row = 0; row < height; row++) {
      for (let col = 0; col < width; col++) {
        const k = (row >> 1) * cw + (col >> 1)
        expected.push(grayOfYuv(y[row * yStride + col]!, u[k]!, v[k]!))
      }
    }
    expect(Array.from(yuv420ToGrayL({ width, height, y, yStride, u, v, uvStride: cw }))).toEqual(expected)
    expect(Array.from(yuv420ToGrayL({ width, height, y, yStride, uv, uvStride: 2 * cw }))).toEqual(expected)
  })

  it('the per-pixel conversion rounds and clips each channel before the luma (reference values)', () => {
    // Black and white limits, out-of-range luma, saturated chroma: values the formula gives, pinned.
    expect([grayOfYuv(16, 128, 128), grayOfYuv(235, 128, 128), grayOfYuv(0, 128, 128), grayOfYuv(255, 128, 128)]).toEqual([0, 255, 0, 255])
    expect([grayOfYuv(81, 90, 240), grayOfYuv(145, 54, 34), grayOfYuv(41, 240, 110), grayOfYuv(128, 0, 255)]).toEqual([76, 150, 29, 121])
  })

  it('the grey plane hashes as the RGB image does', () => {
    const rgb = Uint8Array.from({ length: 64 * 48 * 3 }, (_, i) => (i * 37) % 256)
    const img = { data: rgb, width: 64, height: 48, channels: 3 as const }
    expect(phashHexOfGray({ data: toGrayscaleL(img), width: 64, height: 48 })).toBe(phashHex(img))
  })
})
