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

/** The L of one pixel: BT.601 limited-range YUV to RGB, each channel rounded and clipped, then Pillow's luma. */
export function grayOfYuv(y: number, u: number, v: number): number {
  const yy = (y - 16) * Y_SCALE
  const cb = u - 128
  const cr = v - 128
  return lumaL(clip8(yy + R_CR * cr), clip8(yy - G_CB * cb - G_CR * cr), clip8(yy + B_CB * cb))
}

/**
 * `grayOfYuv` for every (U, V, Y), 16 MiB, each (U, V) row of 256 filled the first time a frame has that chroma
 * pair. Converting a 1280×720 frame pixel by pixel took 16–25 ms, with the table 3.5 ms; the hashing worker's
 * frames are what a click on the timeline competes with (docs/player.md). Same function, same bytes: a cache,
 * nothing a caller can observe.
 */
interface GrayTable {
  values: Uint8Array
  filled: Uint8Array
}
let shared: GrayTable | undefined

/** Where the row of (u, v) starts in the table, filled first if needed. */
function rowOf(table: GrayTable, u: number, v: number): number {
  const key = (u << 8) | v
  const base = key << 8
  if (table.filled[key] === 0) {
    for (let y = 0; y < 256; y++) table.values[base + y] = grayOfYuv(y, u, v)
    table.filled[key] = 1
  }
  return base
}

/** The L plane (`width * height` bytes, row-major); pass `out` to reuse a buffer. */
export function yuv420ToGrayL(frame: Yuv420Frame, out?: Uint8Array): Uint8Array {
  const { width, height, y, yStride, u, v, uv, uvStride } = frame
  const n = width * height
  const target = out !== undefined && out.length >= n ? out : new Uint8Array(n)
  const table = (shared ??= { values: new Uint8Array(1 << 24), filled: new Uint8Array(1 << 16) })
  const lut = table.values
  for (let row = 0; row < height; row++) {
    const c = (row >> 1) * uvStride
    const from = row * yStride
    const to = row * width
    // Each chroma sample covers two columns (and two rows): one table row for both.
    for (let col = 0; col < width; col += 2) {
      const k = col >> 1
      const base = uv !== undefined ? rowOf(table, uv[c + 2 * k]!, uv[c + 2 * k + 1]!) : rowOf(table, u![c + k]!, v![c + k]!)
      target[to + col] = lut[base + y[from + col]!]!
      if (col + 1 < width) target[to + col + 1] = lut[base + y[from + col + 1]!]!
    }
  }
  return target
}
