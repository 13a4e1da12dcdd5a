/**
 * Pillow's "L" plane of a decoded 4:2:0 video frame, straight from its planes: each pixel is converted to RGB the
 * way an untagged SD video is by ffmpeg (BT.601, limited range, every chroma sample covering its 2×2 block),
 * rounded and clipped to 8 bits, then to Pillow's luma (`grayscale.ts`). The browser's own conversion (what a
 * canvas draws) assumes BT.709 for untagged video, which flips about a quarter of the demo's pHashes against
 * the CLI's; this flips under a tenth, by at most two bits (docs/editor.md).
 */
import { lumaL } from './grayscale'

/** A 4:2:0 frame: a luma plane and either two chroma planes (I420) or one interleaved UV plane (NV12). */
export interface Yuv420Frame {
  width: number
  height: number
  y: Uint8Array
  yStride: number
  /** I420: `u` and `v`; NV12: `uv` (U at even bytes, V at odd). */
  u?: Uint8Array
  v?: Uint8Array
  uv?: Uint8Array
  uvStride: number
}

const Y_SCALE = 255 / 219
const C_SCALE = 255 / 224
// BT.601: R = Y + 1.402 Cr, G = Y - 0.344136 Cb - 0.714136 Cr, B = Y + 1.772 Cb (Kr = 0.299, Kb = 0.114).
const R_CR = 1.402 * C_SCALE
const G_CB = (0.114 * 1.772 / 0.587) * C_SCALE
const G_CR = (0.299 * 1.402 / 0.587) * C_SCALE
const B_CB = 1.772 * C_SCALE

function clip8(x: number): number {
  return x <= 0 ? 0 : x >= 255 ? 255 : Math.round(x)
}

/** The L plane (`width * height` bytes, row-major); pass `out` to reuse a buffer. */
export function yuv420ToGrayL(frame: Yuv420Frame, out?: Uint8Array): Uint8Array {
  const { width, height, y, yStride, u, v, uv, uvStride } = frame
  const n = width * height
  const target = out !== undefined && out.length >= n ? out : new Uint8Array(n)
  for (let row = 0; row < height; row++) {
    const c = (row >> 1) * uvStride
    for (let col = 0; col < width; col++) {
      const yy = (y[row * yStride + col]! - 16) * Y_SCALE
      const k = col >> 1
      const cb = (uv !== undefined ? uv[c + 2 * k]! : u![c + k]!) - 128
      const cr = (uv !== undefined ? uv[c + 2 * k + 1]! : v![c + k]!) - 128
      target[row * width + col] = lumaL(clip8(yy + R_CR * cr), clip8(yy - G_CB * cb - G_CR * cr), clip8(yy + B_CB * cb))
    }
  }
  return target
}
