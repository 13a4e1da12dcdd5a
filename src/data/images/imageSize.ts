/**
 * The pixel size of a PNG, JPEG or WebP from its first bytes, without decoding it (works in Node and in the
 * browser, so the CLI reports the same sizes as the app).
 */
import type { FileStore } from '../fileStore'

export interface ImageSize {
  width: number
  height: number
}

const HEAD = 64 * 1024

function u16be(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0)
}

function u16le(b: Uint8Array, i: number): number {
  return (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8)
}

function u24le(b: Uint8Array, i: number): number {
  return u16le(b, i) | ((b[i + 2] ?? 0) << 16)
}

function u32be(b: Uint8Array, i: number): number {
  return ((b[i] ?? 0) * 2 ** 24) + (((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0))
}

function ascii(b: Uint8Array, i: number, n: number): string {
  return String.fromCharCode(...b.subarray(i, i + n))
}

function jpegSize(b: Uint8Array): ImageSize | undefined {
  let i = 2
  while (i + 9 < b.byteLength) {
    if (b[i] !== 0xff) return undefined
    const marker = b[i + 1] ?? 0
    if (marker === 0xff) {
      i += 1
      continue
    }
    const length = u16be(b, i + 2)
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(b, i + 5), width: u16be(b, i + 7) }
    }
    i += 2 + length
  }
  return undefined
}

function webpSize(b: Uint8Array): ImageSize | undefined {
  const chunk = ascii(b, 12, 4)
  if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff }
  if (chunk === 'VP8L') {
    const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24)
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 }
  }
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 }
  return undefined
}

/** Parses the header bytes; `undefined` for other formats or a header beyond `bytes`. */
export function imageSizeFromBytes(b: Uint8Array): ImageSize | undefined {
  if (b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') return { width: u32be(b, 16), height: u32be(b, 20) }
  if (b[0] === 0xff && b[1] === 0xd8) return jpegSize(b)
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return webpSize(b)
  return undefined
}

/** Reads the first bytes of an image file and returns its size; `undefined` when unknown. */
export async function readImageSize(store: FileStore, path: string): Promise<ImageSize | undefined> {
  try {
    return imageSizeFromBytes(await store.readBytes(path, { start: 0, end: HEAD }))
  } catch {
    return undefined
  }
}
