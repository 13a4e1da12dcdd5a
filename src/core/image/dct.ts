/**
 * The DCT-II that imagehash's pHash takes: `scipy.fftpack.dct(x, type=2, norm=None)`,
 * `y[k] = 2 * sum_n x[n] * cos(pi * k * (2n + 1) / (2N))`, applied along axis 0 (down the columns) and then along
 * axis 1 (along the rows). pHash keeps only the top-left 8x8 block, so only the first `keep` coefficients of
 * each axis are computed.
 *
 * Why a recursive even/odd split rather than the plain sum: SciPy computes the DCT with an FFT, which yields
 * exact zeros wherever the input is symmetric (a flat frame, a letterbox, a left-right mirror). The plain sum
 * gives +-1e-12 there instead, and the median threshold `> median` then reads noise as signal. The split
 * `y[2m] = DCT_{N/2}(x[n] + x[N-1-n])[m]`, `y[2m+1] = 2 * sum (x[n] - x[N-1-n]) cos(...)` makes those
 * coefficients exactly zero too. Elsewhere the two differ from SciPy by a few ulps, far below any real gap
 * between a coefficient and the median.
 */

interface Plan {
  n: number
  keep: number
  /** `cos(pi * k * (2i + 1) / (2n))` for odd k < keep, i < n/2, flattened as [oddIndex][i]. */
  oddCos: Float64Array
  half: Plan | undefined
  /** Scratch for the half-length sums and differences. */
  sums: Float64Array
  diffs: Float64Array
}

function makePlan(n: number, keep: number): Plan {
  const k = Math.min(keep, n)
  const halfN = n >> 1
  const odd = n > 1 && n % 2 === 0 ? Math.floor(k / 2) : 0
  const oddCos = new Float64Array(odd * halfN)
  for (let j = 0; j < odd; j++) {
    const freq = 2 * j + 1
    for (let i = 0; i < halfN; i++) oddCos[j * halfN + i] = Math.cos((Math.PI * freq * (2 * i + 1)) / (2 * n))
  }
  const split = n > 1 && n % 2 === 0
  return {
    n,
    keep: k,
    oddCos,
    half: split ? makePlan(halfN, Math.ceil(k / 2)) : undefined,
    sums: new Float64Array(split ? halfN : 0),
    diffs: new Float64Array(split ? halfN : 0),
  }
}

/** The direct sum, for lengths that do not split (odd n). */
function directDct(plan: Plan, x: Float64Array, y: Float64Array): void {
  const { n, keep } = plan
  for (let k = 0; k < keep; k++) {
    let s = 0
    for (let i = 0; i < n; i++) s += x[i]! * Math.cos((Math.PI * k * (2 * i + 1)) / (2 * n))
    y[k] = 2 * s
  }
}

/** First `plan.keep` DCT-II coefficients of `x[0..n)` into `y[0..keep)`. */
function dctInto(plan: Plan, x: Float64Array, y: Float64Array): void {
  const { n, keep, half, sums, diffs, oddCos } = plan
  if (half === undefined) {
    directDct(plan, x, y)
    return
  }
  const halfN = n >> 1
  for (let i = 0; i < halfN; i++) {
    const a = x[i]!
    const b = x[n - 1 - i]!
    sums[i] = a + b
    diffs[i] = a - b
  }
  // Even coefficients: the DCT of the folded sums, written to y[0..) then spread to the even slots (backwards,
  // so no value is overwritten before it moves).
  dctInto(half, sums, y)
  for (let m = half.keep - 1; m >= 0; m--) y[2 * m] = y[m]!
  for (let j = 0; 2 * j + 1 < keep; j++) {
    let s = 0
    const row = j * halfN
    for (let i = 0; i < halfN; i++) s += diffs[i]! * oddCos[row + i]!
    y[2 * j + 1] = 2 * s
  }
}

/** A reusable 2-D transform: `rows x cols` input, `keep x keep` output. */
export interface Dct2 {
  rows: number
  cols: number
  keep: number
  /** Run it: `input` is row-major `rows * cols`; the result (row-major `keep * keep`) is written to `out`. */
  apply(input: ArrayLike<number>, out: Float64Array): Float64Array
}

/**
 * A 2-D DCT-II for `rows x cols` inputs that returns the top-left `keep x keep` coefficients, equal (to a few ulps,
 * exactly on symmetric inputs) to `scipy.fftpack.dct(scipy.fftpack.dct(x, axis=0), axis=1)[:keep, :keep]`. Its
 * working buffers are allocated once, here; `apply` allocates nothing.
 */
export function createDct2(rows: number, cols: number, keep: number): Dct2 {
  const colPlan = makePlan(rows, keep)
  const rowPlan = makePlan(cols, keep)
  const kr = colPlan.keep
  const kc = rowPlan.keep
  const afterAxis0 = new Float64Array(kr * cols) // [k][col]
  const vec = new Float64Array(Math.max(rows, cols, 1))
  const coeffs = new Float64Array(Math.max(rows, cols, 1))
  return {
    rows,
    cols,
    keep,
    apply(input, out) {
      for (let c = 0; c < cols; c++) {
        for (let r = 0; r < rows; r++) vec[r] = input[r * cols + c]!
        dctInto(colPlan, vec, coeffs)
        for (let k = 0; k < kr; k++) afterAxis0[k * cols + c] = coeffs[k]!
      }
      for (let k = 0; k < kr; k++) {
        vec.set(afterAxis0.subarray(k * cols, (k + 1) * cols))
        dctInto(rowPlan, vec, coeffs)
        for (let l = 0; l < kc; l++) out[k * keep + l] = coeffs[l]!
      }
      return out
    },
  }
}
