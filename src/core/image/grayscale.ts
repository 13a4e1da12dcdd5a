/**
 * Pillow's `image.convert("L")` for RGB and RGBA images, to the byte.
 *
 * Pillow (libImaging/Convert.c, `rgb2l` / `rgba2l`) weights the channels with ITU-R 601-2 luma in 16-bit fixed
 * point, `L24(rgb) = r*19595 + g*38470 + b*7471 + 0x8000`, and keeps `L24 >> 16`: rounding half up, alpha ignored.
 * The weights sum to 65536, so a grey pixel keeps its level. Floating-point 0.299/0.587/0.114 with truncation (old
 * Pillow) or rounding differs from this by one level on some pixels, which is enough to flip pHash bits.
 */
import type { PixelBuffer } from '../frameStamp'

/** Pillow's luma of one RGB pixel (`L24(rgb) >> 16`). */
export function lumaL(r: number, g: number, b: number): number {
  return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >>> 16
}

/**
 * The "L" (8-bit grey) plane of `img`, row-major `width * height` bytes. Pass `out` (at least that long) to reuse a
 * buffer across frames; it is returned.
 */
export function toGrayscaleL(img: PixelBuffer, out?: Uint8Array): Uint8Array {
  const n = img.width * img.height
  const target = out !== undefined && out.length >= n ? out : new Uint8Array(n)
  const data = img.data
  const step = img.channels
  for (let i = 0, o = 0; i < n; i++, o += step) {
    target[i] = (data[o]! * 19595 + data[o + 1]! * 38470 + data[o + 2]! * 7471 + 0x8000) >>> 16
  }
  return target
}
