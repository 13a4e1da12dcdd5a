/**
 * Baseline JPEG encoding with jpeg-js 0.4.4 (pure JavaScript), so Node and the browser write identical bytes
 * for identical pixels: the export's images never depend on where it ran.
 *
 * Against PIL's `image.save(path)`, which ProcVLM uses (`ensure_image_on_disk`):
 * - quality: PIL's default is 75, and so is ours; jpeg-js scales the same IJG tables the same way as libjpeg
 *   (`5000 / q` below 50, `200 - 2q` from 50), so the quantisation tables are identical;
 * - chroma: PIL (libjpeg's default) stores Cb and Cr at half resolution both ways (4:2:0); jpeg-js always at
 *   full resolution (4:4:4). Colour edges are sharper and files about a third larger than PIL's;
 * - the DCT (floating-point AAN in jpeg-js, libjpeg's integer "islow" in PIL) and the colour-conversion
 *   rounding differ, so decoded pixels differ from PIL's by a few levels;
 * - both write the same JFIF 1.01 header (aspect ratio 1:1, no units), the standard Huffman tables, no EXIF.
 * Measured on a 720×477 photo against Debian's Pillow 9.4: identical quantisation tables, a file 30% larger,
 * decoded pixels 4.3 levels from PIL's on average (PIL's are 5.4 from the source, ours 4.0). A model sees the
 * same scene either way; a pHash of the written file may differ from one of PIL's file.
 *
 * Cost: jpeg-js builds its tables on every call (tens of milliseconds) and does not export its encoder to
 * keep one; a 640×480 frame takes roughly 60–160 ms in Node on a loaded machine.
 */
import { encode } from 'jpeg-js'
import type { PixelBuffer } from '../frameStamp'

/** PIL's default JPEG quality (`Image.save` without `quality`: libjpeg's 75). */
export const PIL_DEFAULT_QUALITY = 75

/** RGBA bytes for jpeg-js, which reads 4 bytes a pixel and ignores the fourth. */
function rgba(image: PixelBuffer): Uint8Array | Uint8ClampedArray {
  if (image.channels === 4) return image.data
  const n = image.width * image.height
  const out = new Uint8Array(n * 4)
  for (let i = 0, j = 0; i < n * 3; i += 3, j += 4) {
    out[j] = image.data[i]!
    out[j + 1] = image.data[i + 1]!
    out[j + 2] = image.data[i + 2]!
    out[j + 3] = 255
  }
  return out
}

/**
 * jpeg-js's encoder ends with `Buffer.from(bytes)` whenever a CommonJS `module` is in scope, which a bundler's
 * CommonJS wrapper provides in the browser too, where there is no `Buffer`. Lend it a minimal one for the
 * duration of the call (encoding is synchronous, so nothing else can see it) and take it back.
 */
function withBuffer<T>(run: () => T): T {
  const global = globalThis as { Buffer?: unknown }
  if (global.Buffer !== undefined) return run()
  global.Buffer = { from: (bytes: ArrayLike<number>) => Uint8Array.from(bytes) }
  try {
    return run()
  } finally {
    delete global.Buffer
  }
}

/**
 * The JPEG file of `image` (RGB or RGBA, alpha ignored as PIL refuses it) at `quality` (1..100, default 75 as
 * PIL). Throws on a malformed buffer: callers pass decoded frames, so that is a bug.
 */
export function encodeJpeg(image: PixelBuffer, quality: number = PIL_DEFAULT_QUALITY): Uint8Array {
  const { width, height, channels } = image
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 65535 || height > 65535) {
    throw new Error(`encodeJpeg: ${width}×${height} is not a JPEG size`)
  }
  if (image.data.length !== width * height * channels) throw new Error(`encodeJpeg: ${image.data.length} bytes for ${width}×${height}×${channels}`)
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new Error(`encodeJpeg: quality ${quality} is not an integer in 1..100`)
  const out = withBuffer(() => encode({ data: rgba(image), width, height }, quality))
  // A plain Uint8Array in both environments (Node hands back a Buffer subclass).
  return new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength).slice()
}
