/**
 * Width and height of a PNG, JPEG, WebP or BMP file from its first bytes, without decoding it.
 *
 * readFrames decodes a folder of images through one ffmpeg process per run of same-sized files (ffmpeg's concat
 * input scales every frame to the first one's size, so a size change has to start a new run). Starting ffmpeg
 * costs far more than decoding a small frame, hence the runs.
 */

/**
 * How PIL (libjpeg-turbo, libwebp) turns the file into RGB, as far as ProcLens reproduces it:
 * `webp-yuv420` lossy WebP; `jpeg-420` / `jpeg-422` / `jpeg-444` YCbCr JPEG with that chroma subsampling;
 * `rgb` anything ffmpeg converts to RGB without colour maths (PNG, BMP, lossless WebP, grey JPEG) or that has no
 * exact path here (CMYK or Adobe-RGB JPEG, 4:4:0 and other subsamplings).
 */
export type DecodeVariant = 'webp-yuv420' | 'jpeg-420' | 'jpeg-422' | 'jpeg-444' | 'rgb'

/** The format, size and decode variant read from a file's header. */
export interface ImageHeader {
  format: 'png' | 'jpeg' | 'webp' | 'bmp'
  width: number
  height: number
  variant: DecodeVariant
}

function u16be(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!
}
function u16le(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8)
}
function u24le(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)
}
function u32be(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0
}
function i32le(b: Uint8Array, o: number): number {
  return b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)
}
function ascii(b: Uint8Array, o: number, n: number): string {
  return String.fromCharCode(...b.subarray(o, o + n))
}

function pngHeader(b: Uint8Array): ImageHeader | undefined {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return undefined
  return { format: 'png', width: u32be(b, 16), height: u32be(b, 20), variant: 'rgb' }
}

/** The variant of a JPEG from its SOF component table (at `sof`) and whether an Adobe marker said "no YCbCr". */
function jpegVariant(b: Uint8Array, sof: number, adobeRgb: boolean): DecodeVariant {
  const components = b[sof + 9]!
  if (b[sof + 4] !== 8 || components !== 3 || adobeRgb || sof + 10 + 9 > b.length) return 'rgb'
  const ids = [b[sof + 10]!, b[sof + 13]!, b[sof + 16]!]
  if (ids[0] === 0x52 && ids[1] === 0x47 && ids[2] === 0x42) return 'rgb' // 'R','G','B': libjpeg reads it as RGB
  const [y, cb, cr] = [b[sof + 11]!, b[sof + 14]!, b[sof + 17]!]
  if (cb !== 0x11 || cr !== 0x11) return 'rgb'
  return y === 0x22 ? 'jpeg-420' : y === 0x21 ? 'jpeg-422' : y === 0x11 ? 'jpeg-444' : 'rgb'
}

function jpegHeader(b: Uint8Array): ImageHeader | undefined {
  let o = 2
  let adobeRgb = false
  while (o + 9 < b.length) {
    if (b[o] !== 0xff) return undefined
    const marker = b[o + 1]!
    if (marker === 0xff) {
      o += 1
      continue
    }
    // APP14 "Adobe" with transform 0: the three components are not YCbCr.
    if (marker === 0xee && o + 16 <= b.length && ascii(b, o + 4, 5) === 'Adobe') adobeRgb = b[o + 15] === 0
    // SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { format: 'jpeg', width: u16be(b, o + 7), height: u16be(b, o + 5), variant: jpegVariant(b, o, adobeRgb) }
    }
    o += 2 + u16be(b, o + 2)
  }
  return undefined
}

/** The image chunk ('VP8 ' lossy, 'VP8L' lossless, 'ANIM' animated) after a VP8X header. */
function webpExtendedKind(b: Uint8Array): string | undefined {
  let o = 30
  while (o + 8 <= b.length) {
    const fourcc = ascii(b, o, 4)
    if (fourcc === 'VP8 ' || fourcc === 'VP8L' || fourcc === 'ANIM') return fourcc
    const size = (b[o + 4]! | (b[o + 5]! << 8) | (b[o + 6]! << 16) | (b[o + 7]! << 24)) >>> 0
    o += 8 + size + (size & 1)
  }
  return undefined
}

function webpHeader(b: Uint8Array): ImageHeader | undefined {
  if (b.length < 30) return undefined
  const chunk = ascii(b, 12, 4)
  if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { format: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff, variant: 'webp-yuv420' }
  }
  if (chunk === 'VP8L' && b[20] === 0x2f) {
    const bits = (b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24)) >>> 0
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, variant: 'rgb' }
  }
  if (chunk === 'VP8X') {
    const kind = webpExtendedKind(b)
    if (kind === undefined || kind === 'ANIM') return undefined
    return { format: 'webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1, variant: kind === 'VP8 ' ? 'webp-yuv420' : 'rgb' }
  }
  return undefined
}

function bmpHeader(b: Uint8Array): ImageHeader | undefined {
  if (b.length < 26) return undefined
  return { format: 'bmp', width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)), variant: 'rgb' }
}

/**
 * The header of `bytes` (the file's first bytes; 64 KiB reach past any EXIF block), or `undefined` for an
 * unknown, animated or truncated file (the caller then lets ffmpeg decode it on its own).
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(bytes, 1, 3) === 'PNG') return pngHeader(bytes)
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegHeader(bytes)
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return webpHeader(bytes)
  if (bytes.length >= 2 && ascii(bytes, 0, 2) === 'BM') return bmpHeader(bytes)
  return undefined
}
