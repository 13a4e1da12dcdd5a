/**
 * Pillow's `Image.resize(size, Image.Resampling.LANCZOS)` for 8-bit grey ("L") images, to the byte.
 *
 * This follows libImaging/Resample.c step by step, because pHash bits flip on one-level differences:
 * - per output pixel, a window of Lanczos-3 weights (`sinc(x) * sinc(x/3)`, |x| < 3) whose support is widened by
 *   the downscale factor, so a downscale averages (antialiases) instead of skipping pixels;
 * - the window is normalised to sum 1, then turned into fixed point with PRECISION_BITS = 22 fractional bits,
 *   rounding half away from zero (C's `(int)(x ± 0.5)`);
 * - a horizontal pass over the source rows the vertical pass will read, then a vertical pass; each pass starts
 *   its accumulator at one half, shifts right by 22 and clips to 0..255 (so the intermediate image is 8-bit too).
 * A pass whose size does not change is skipped, as Pillow skips it.
 */

/** Fractional bits of the fixed-point weights (Resample.c: `32 - 8 - 2`). */
export const PRECISION_BITS = 22
const HALF = 1 << (PRECISION_BITS - 1)
const LANCZOS_SUPPORT = 3

/** Fixed-point weights for resampling one axis from `inSize` to `outSize` samples. */
export interface ResampleKernel {
  inSize: number
  outSize: number
  /** Slots per output sample in `weights` (only the first `bounds[2*i+1]` are used). */
  ksize: number
  /** Per output sample: first input index, then the number of inputs it reads. */
  bounds: Int32Array
  /** `outSize * ksize` weights in 1/2^22 units. */
  weights: Int32Array
}

/** A row-major 8-bit grey image. */
export interface GrayPlane {
  data: Uint8Array
  width: number
  height: number
}

function sinc(x: number): number {
  if (x === 0) return 1
  const px = x * Math.PI
  return Math.sin(px) / px
}

/** Pillow's `lanczos_filter`: the sinc truncated to [-3, 3). */
function lanczos(x: number): number {
  return x >= -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0
}

/** Resample.c `precompute_coeffs` + `normalize_coeffs_8bpc` for the LANCZOS filter and the full-image box. */
function buildKernel(inSize: number, outSize: number): ResampleKernel {
  const scale = inSize / outSize
  const filterscale = scale < 1 ? 1 : scale
  const support = LANCZOS_SUPPORT * filterscale
  const ksize = Math.ceil(support) * 2 + 1
  const bounds = new Int32Array(outSize * 2)
  const weights = new Int32Array(outSize * ksize)
  const k = new Float64Array(ksize)
  const ss = 1 / filterscale
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale
    const xmin = Math.max(0, Math.trunc(center - support + 0.5))
    const count = Math.min(inSize, Math.trunc(center + support + 0.5)) - xmin
    let ww = 0
    for (let x = 0; x < count; x++) {
      // Same operation order as the C expression `(x + xmin - center + 0.5) * ss`.
      const w = lanczos((x + xmin - center + 0.5) * ss)
      k[x] = w
      ww += w
    }
    for (let x = 0; x < count; x++) {
      const v = (ww !== 0 ? k[x]! / ww : k[x]!) * (1 << PRECISION_BITS)
      weights[xx * ksize + x] = v < 0 ? Math.trunc(-0.5 + v) : Math.trunc(0.5 + v)
    }
    bounds[xx * 2] = xmin
    bounds[xx * 2 + 1] = count
  }
  return { inSize, outSize, ksize, bounds, weights }
}

const kernelCache = new Map<string, ResampleKernel>()
const KERNEL_CACHE_LIMIT = 32

/**
 * The Lanczos kernel for one axis, `inSize` -> `outSize`, memoised: a video's frames share a size, so the
 * weights are computed once per episode, not once per frame.
 */
export function lanczosKernel(inSize: number, outSize: number): ResampleKernel {
  const key = `${String(inSize)}>${String(outSize)}`
  let kernel = kernelCache.get(key)
  if (kernel === undefined) {
    if (kernelCache.size >= KERNEL_CACHE_LIMIT) kernelCache.clear()
    kernel = buildKernel(inSize, outSize)
    kernelCache.set(key, kernel)
  }
  return kernel
}

/** Resample.c `clip8`: the accumulator's integer part, clipped to a byte. */
function clip8(acc: number): number {
  const v = acc >> PRECISION_BITS
  return v < 0 ? 0 : v > 255 ? 255 : v
}

let scratch = new Uint8Array(0)

function horizontalPass(src: GrayPlane, kernel: ResampleKernel, rows: { first: number; count: number }, out: Uint8Array): void {
  const { bounds, weights, ksize, outSize } = kernel
  const { data, width } = src
  for (let yy = 0; yy < rows.count; yy++) {
    const rowStart = (yy + rows.first) * width
    const outRow = yy * outSize
    for (let xx = 0; xx < outSize; xx++) {
      const start = rowStart + bounds[xx * 2]!
      const count = bounds[xx * 2 + 1]!
      const kOff = xx * ksize
      let acc = HALF
      // Int32 arithmetic, as in C (`int ss0`): exact, and V8 keeps it in integer registers. Unrolled by 4: this
      // loop is most of the time pHash spends on a VGA frame (~120 taps per output pixel).
      let x = 0
      for (; x + 3 < count; x += 4) {
        const d = start + x
        const w = kOff + x
        acc = (acc + Math.imul(data[d]!, weights[w]!) + Math.imul(data[d + 1]!, weights[w + 1]!) +
          Math.imul(data[d + 2]!, weights[w + 2]!) + Math.imul(data[d + 3]!, weights[w + 3]!)) | 0
      }
      for (; x < count; x++) acc = (acc + Math.imul(data[start + x]!, weights[kOff + x]!)) | 0
      out[outRow + xx] = clip8(acc)
    }
  }
}

function verticalPass(src: GrayPlane, kernel: ResampleKernel, rowShift: number, out: Uint8Array): void {
  const { bounds, weights, ksize, outSize } = kernel
  const { data, width } = src
  for (let yy = 0; yy < outSize; yy++) {
    const ymin = bounds[yy * 2]! - rowShift
    const count = bounds[yy * 2 + 1]!
    const kOff = yy * ksize
    const outRow = yy * width
    for (let xx = 0; xx < width; xx++) {
      let acc = HALF
      for (let y = 0; y < count; y++) acc = (acc + Math.imul(data[(y + ymin) * width + xx]!, weights[kOff + y]!)) | 0
      out[outRow + xx] = clip8(acc)
    }
  }
}

/**
 * `src` resized to `outWidth` x `outHeight` with Pillow's LANCZOS filter (byte-identical to Pillow 9/10/11 on an
 * "L" image). Pass `out` (at least `outWidth * outHeight` bytes) to reuse a buffer; it is returned. The
 * intermediate image lives in a module scratch buffer that grows as needed and is reused between calls.
 */
export function resampleLanczosL(src: GrayPlane, outWidth: number, outHeight: number, out?: Uint8Array): Uint8Array {
  const n = outWidth * outHeight
  const target = out !== undefined && out.length >= n ? out : new Uint8Array(n)
  const needHorizontal = outWidth !== src.width
  const needVertical = outHeight !== src.height
  if (!needHorizontal && !needVertical) {
    target.set(src.data.subarray(0, n))
    return target
  }
  const vertical = lanczosKernel(src.height, outHeight)
  let current: GrayPlane = src
  let rowShift = 0
  if (needHorizontal) {
    // Only the rows the vertical pass reads, as Pillow does (ybox_first .. ybox_last).
    const first = needVertical ? vertical.bounds[0]! : 0
    const last = needVertical ? vertical.bounds[outHeight * 2 - 2]! + vertical.bounds[outHeight * 2 - 1]! : src.height
    const count = last - first
    const dest = needVertical ? ensureScratch(outWidth * count) : target
    horizontalPass(src, lanczosKernel(src.width, outWidth), { first, count }, dest)
    current = { data: dest, width: outWidth, height: count }
    rowShift = first
  }
  if (needVertical) verticalPass(current, vertical, rowShift, target)
  return target
}

function ensureScratch(size: number): Uint8Array {
  if (scratch.length < size) scratch = new Uint8Array(size)
  return scratch
}
