/**
 * YUV -> RGB exactly as the libraries behind PIL do it, applied to the planes ffmpeg decodes.
 *
 * ffmpeg decodes VP8 (lossy WebP) bit-exactly, and JPEG to within one level of libjpeg's IDCT, but its own
 * YUV -> RGB step (swscale) interpolates chroma and rounds differently from libwebp and libjpeg-turbo, which PIL
 * uses. So for these two formats we take ffmpeg's planar output and redo the last step here:
 * - libwebp (src/dsp/upsampling.c, yuv.h): "fancy" 9-3-3-1 chroma upsampling of each line pair, then BT.601
 *   limited-range conversion in 14-bit fixed point (`MultHi`, `VP8Clip8`).
 * - libjpeg-turbo (jdsample.c, jdcolor.c): "fancy" triangular upsampling (h2v1, h2v2; box when the chroma plane
 *   is at most 2 samples wide), then full-range JFIF conversion with 16-bit tables.
 */
import type { PixelBuffer } from '../../core/frameStamp'

/** Planes as ffmpeg's rawvideo writes them: Y, then U (Cb), then V (Cr), each row-major, no padding. */
export interface YuvPlanes {
  y: Uint8Array
  u: Uint8Array
  v: Uint8Array
  width: number
  height: number
  /** Chroma plane size. */
  chromaWidth: number
  chromaHeight: number
}

/** Slice one frame of `yuv420p`-family (or 422/444) rawvideo into planes. */
export function splitPlanes(frame: Uint8Array, size: { width: number; height: number; chromaWidth: number; chromaHeight: number }): YuvPlanes {
  const ySize = size.width * size.height
  const cSize = size.chromaWidth * size.chromaHeight
  return {
    ...size,
    y: frame.subarray(0, ySize),
    u: frame.subarray(ySize, ySize + cSize),
    v: frame.subarray(ySize + cSize, ySize + 2 * cSize),
  }
}

// ---- libwebp ------------------------------------------------------------------------------------------------

function webpClip8(v: number): number {
  return (v & ~16383) === 0 ? v >> 6 : v < 0 ? 0 : 255
}

function webpPixel(out: Uint8Array, o: number, y: number, uv: number): void {
  const u = uv & 0xff
  const v = uv >>> 16
  const yy = (y * 19077) >> 8
  out[o] = webpClip8(yy + ((v * 26149) >> 8) - 14234)
  out[o + 1] = webpClip8(yy - ((u * 6419) >> 8) - ((v * 13320) >> 8) + 8708)
  out[o + 2] = webpClip8(yy + ((u * 33050) >> 8) - 17685)
}

/**
 * libwebp's `UpsampleRgbLinePair`: output rows `topRow` (and `bottomRow`, or -1) from luma rows and the two chroma
 * rows around them. U and V travel together as `u | v << 16`, exactly as in libwebp, so the rounding matches.
 */
function webpLinePair(p: YuvPlanes, rows: { top: number; bottom: number; topUv: number; curUv: number }, out: Uint8Array): void {
  const { width: w, chromaWidth: cw } = p
  const uvAt = (row: number, x: number): number => p.u[row * cw + x]! | (p.v[row * cw + x]! << 16)
  const topY = rows.top * w
  const botY = rows.bottom * w
  const hasBottom = rows.bottom >= 0
  const lastPair = (w - 1) >> 1
  let tl = uvAt(rows.topUv, 0)
  let l = uvAt(rows.curUv, 0)
  webpPixel(out, topY * 3, p.y[topY]!, (3 * tl + l + 0x00020002) >>> 2)
  if (hasBottom) webpPixel(out, botY * 3, p.y[botY]!, (3 * l + tl + 0x00020002) >>> 2)
  for (let x = 1; x <= lastPair; x++) {
    const t = uvAt(rows.topUv, x)
    const c = uvAt(rows.curUv, x)
    const avg = tl + t + l + c + 0x00080008
    const diag12 = (avg + 2 * (t + l)) >>> 3
    const diag03 = (avg + 2 * (tl + c)) >>> 3
    webpPixel(out, (topY + 2 * x - 1) * 3, p.y[topY + 2 * x - 1]!, (diag12 + tl) >>> 1)
    webpPixel(out, (topY + 2 * x) * 3, p.y[topY + 2 * x]!, (diag03 + t) >>> 1)
    if (hasBottom) {
      webpPixel(out, (botY + 2 * x - 1) * 3, p.y[botY + 2 * x - 1]!, (diag03 + l) >>> 1)
      webpPixel(out, (botY + 2 * x) * 3, p.y[botY + 2 * x]!, (diag12 + c) >>> 1)
    }
    tl = t
    l = c
  }
  if ((w & 1) === 0) {
    webpPixel(out, (topY + w - 1) * 3, p.y[topY + w - 1]!, (3 * tl + l + 0x00020002) >>> 2)
    if (hasBottom) webpPixel(out, (botY + w - 1) * 3, p.y[botY + w - 1]!, (3 * l + tl + 0x00020002) >>> 2)
  }
}

/** A lossy WebP frame (4:2:0 planes from ffmpeg) to RGB as libwebp's `WebPDecodeRGB` makes it. */
export function webpYuv420ToRgb(p: YuvPlanes): PixelBuffer {
  const out = new Uint8Array(p.width * p.height * 3)
  // libwebp io_dec.c EmitFancyRGB: the first row mirrors its chroma row, then row pairs (2k-1, 2k) sit between
  // chroma rows k-1 and k, and an even height ends with a lone row on the last chroma row.
  webpLinePair(p, { top: 0, bottom: -1, topUv: 0, curUv: 0 }, out)
  let k = 1
  for (; 2 * k < p.height; k++) webpLinePair(p, { top: 2 * k - 1, bottom: 2 * k, topUv: k - 1, curUv: k }, out)
  if (p.height % 2 === 0 && p.height > 0) {
    const last = p.height / 2 - 1
    webpLinePair(p, { top: p.height - 1, bottom: -1, topUv: last, curUv: last }, out)
  }
  return { data: out, width: p.width, height: p.height, channels: 3 }
}

// ---- libjpeg-turbo ------------------------------------------------------------------------------------------

const FIX = (x: number): number => Math.trunc(x * 65536 + 0.5)
const CR_R = new Int32Array(256)
const CB_B = new Int32Array(256)
const CR_G = new Int32Array(256)
const CB_G = new Int32Array(256)
for (let i = 0; i < 256; i++) {
  const x = i - 128
  CR_R[i] = (FIX(1.402) * x + 32768) >> 16
  CB_B[i] = (FIX(1.772) * x + 32768) >> 16
  CR_G[i] = -FIX(0.71414) * x
  CB_G[i] = -FIX(0.34414) * x + 32768
}

function clamp255(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v
}

/** jdsample.c `h2v1_fancy_upsample` (or plain doubling when the row is at most 2 samples) of one chroma row. */
function upsampleRowH2(src: Uint8Array, off: number, cw: number, out: Int32Array): void {
  if (cw <= 2) {
    for (let c = 0; c < cw; c++) out[2 * c] = out[2 * c + 1] = src[off + c]!
    return
  }
  out[0] = src[off]!
  out[1] = (src[off]! * 3 + src[off + 1]! + 2) >> 2
  for (let c = 1; c < cw - 1; c++) {
    const v = src[off + c]! * 3
    out[2 * c] = (v + src[off + c - 1]! + 1) >> 2
    out[2 * c + 1] = (v + src[off + c + 1]! + 2) >> 2
  }
  out[2 * cw - 2] = (src[off + cw - 1]! * 3 + src[off + cw - 2]! + 1) >> 2
  out[2 * cw - 1] = src[off + cw - 1]!
}

/**
 * jdsample.c `h2v2_fancy_upsample` for output row `row`: the nearer chroma row weighs 3, the other 1 (edge rows
 * repeat), then the same 3:1 horizontally, with libjpeg's alternating +8 / +7 rounding.
 */
function upsampleRowH2V2(src: Uint8Array, p: YuvPlanes, row: number, out: Int32Array): void {
  const cw = p.chromaWidth
  const r = row >> 1
  const other = (row & 1) === 0 ? Math.max(r - 1, 0) : Math.min(r + 1, p.chromaHeight - 1)
  const near = r * cw
  const far = other * cw
  if (cw <= 2) {
    for (let c = 0; c < cw; c++) out[2 * c] = out[2 * c + 1] = src[near + c]!
    return
  }
  let last = src[near]! * 3 + src[far]!
  let cur = last
  let next = src[near + 1]! * 3 + src[far + 1]!
  out[0] = (cur * 4 + 8) >> 4
  out[1] = (cur * 3 + next + 7) >> 4
  for (let c = 1; c < cw - 1; c++) {
    last = cur
    cur = next
    next = src[near + c + 1]! * 3 + src[far + c + 1]!
    out[2 * c] = (cur * 3 + last + 8) >> 4
    out[2 * c + 1] = (cur * 3 + next + 7) >> 4
  }
  last = cur
  cur = next
  out[2 * cw - 2] = (cur * 3 + last + 8) >> 4
  out[2 * cw - 1] = (cur * 4 + 7) >> 4
}

/** Chroma subsampling of a JPEG's planes, as ffmpeg names the pixel formats. */
export type JpegSampling = '420' | '422' | '444'

/** A YCbCr JPEG (planes from ffmpeg's mjpeg decoder) to RGB as libjpeg-turbo's default decode makes it. */
export function jpegYccToRgb(p: YuvPlanes, sampling: JpegSampling): PixelBuffer {
  const { width: w, height: h } = p
  const out = new Uint8Array(w * h * 3)
  const cb = new Int32Array(Math.max(2 * p.chromaWidth, w))
  const cr = new Int32Array(Math.max(2 * p.chromaWidth, w))
  for (let row = 0; row < h; row++) {
    if (sampling === '420') {
      upsampleRowH2V2(p.u, p, row, cb)
      upsampleRowH2V2(p.v, p, row, cr)
    } else if (sampling === '422') {
      upsampleRowH2(p.u, row * p.chromaWidth, p.chromaWidth, cb)
      upsampleRowH2(p.v, row * p.chromaWidth, p.chromaWidth, cr)
    } else {
      for (let x = 0; x < w; x++) {
        cb[x] = p.u[row * w + x]!
        cr[x] = p.v[row * w + x]!
      }
    }
    for (let x = 0; x < w; x++) {
      const y = p.y[row * w + x]!
      const b = cb[x]!
      const r = cr[x]!
      const o = (row * w + x) * 3
      out[o] = clamp255(y + CR_R[r]!)
      out[o + 1] = clamp255(y + ((CB_G[b]! + CR_G[r]!) >> 16))
      out[o + 2] = clamp255(y + CB_B[b]!)
    }
  }
  return { data: out, width: w, height: h, channels: 3 }
}
