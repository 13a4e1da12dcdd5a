/**
 * Correlation primitives with NumPy/SciPy semantics (ProcVLM's eval calls `np.corrcoef`, `np.var`,
 * `scipy.stats.spearmanr` and a hand-written Kendall τ-a). Results agree with NumPy to rounding (~1e-15
 * relative); NumPy's pairwise summation is not reproduced bit for bit. Inputs are finite numbers: callers
 * drop non-finite values first (ProcVLM never sees them, its text parser yields finite numbers or nothing).
 */

/** Arithmetic mean; NaN for an empty array. */
export function mean(xs: readonly number[]): number {
  let s = 0
  for (const x of xs) s += x
  return s / xs.length
}

/** Population variance (`np.var`, ddof = 0). */
export function populationVariance(xs: readonly number[]): number {
  const m = mean(xs)
  let s = 0
  for (const x of xs) s += (x - m) * (x - m)
  return s / xs.length
}

/**
 * Pearson correlation computed the way `np.corrcoef(x, y)[0, 1]` does (sample covariance divided by each
 * standard deviation in turn, then clipped to [-1, 1]). NaN when either input is constant or shorter than 2.
 */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length
  if (n !== y.length || n < 2) return NaN
  const mx = mean(x)
  const my = mean(y)
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx
    const dy = (y[i] as number) - my
    sxy += dx * dy
    sxx += dx * dx
    syy += dy * dy
  }
  const r = sxy / (n - 1) / Math.sqrt(sxx / (n - 1)) / Math.sqrt(syy / (n - 1))
  return Math.max(-1, Math.min(1, r))
}

/** 1-based ranks with ties given their average rank (`scipy.stats.rankdata(method='average')`). */
export function averageRanks(xs: readonly number[]): number[] {
  const order = xs.map((_, i) => i).sort((a, b) => (xs[a] as number) - (xs[b] as number))
  const ranks = new Array<number>(xs.length)
  let start = 0
  while (start < order.length) {
    let end = start + 1
    while (end < order.length && xs[order[end] as number] === xs[order[start] as number]) end++
    const rank = (start + 1 + end) / 2
    for (let k = start; k < end; k++) ranks[order[k] as number] = rank
    start = end
  }
  return ranks
}

/** Spearman's ρ: Pearson on average ranks (`scipy.stats.spearmanr`); NaN when either input is constant. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  return pearson(averageRanks(x), averageRanks(y))
}

/** Sort `idx` by `key` (ascending) with merge sort and return how many strict inversions it removed. */
function countInversions(idx: number[], key: readonly number[]): number {
  const buf = new Array<number>(idx.length)
  let inversions = 0
  for (let width = 1; width < idx.length; width *= 2) {
    for (let lo = 0; lo < idx.length; lo += 2 * width) {
      const mid = Math.min(lo + width, idx.length)
      const hi = Math.min(lo + 2 * width, idx.length)
      let i = lo
      let j = mid
      let k = lo
      while (i < mid && j < hi) {
        // `<=` keeps equal keys in place, so ties never count as inversions.
        if ((key[idx[i] as number] as number) <= (key[idx[j] as number] as number)) buf[k++] = idx[i++] as number
        else {
          inversions += mid - i
          buf[k++] = idx[j++] as number
        }
      }
      while (i < mid) buf[k++] = idx[i++] as number
      while (j < hi) buf[k++] = idx[j++] as number
    }
    for (let k = 0; k < idx.length; k++) idx[k] = buf[k] as number
  }
  return inversions
}

/** Number of pairs tied in `values` among the (already grouped) run structure of `idx`. */
function tiedPairs(idx: readonly number[], same: (a: number, b: number) => boolean): number {
  let pairs = 0
  let run = 1
  for (let k = 1; k <= idx.length; k++) {
    if (k < idx.length && same(idx[k - 1] as number, idx[k] as number)) run++
    else {
      pairs += (run * (run - 1)) / 2
      run = 1
    }
  }
  return pairs
}

/**
 * Kendall's τ-a as ProcVLM's `kendall_tau_a`: (C − D) / (n(n−1)/2), where a pair tied in either variable is
 * neither concordant nor discordant but still counts in the denominator. NaN for n < 2. O(n log n) (Knight's
 * method) so per-frame curves of long episodes stay cheap; equal to the O(n²) pair loop.
 */
export function kendallTauA(x: readonly number[], y: readonly number[]): number {
  const n = x.length
  if (n !== y.length || n < 2) return NaN
  const byXThenY = (a: number, b: number): number => {
    const dx = (x[a] as number) - (x[b] as number)
    return dx !== 0 ? dx : (y[a] as number) - (y[b] as number)
  }
  const idx = x.map((_, i) => i).sort(byXThenY)
  const total = (n * (n - 1)) / 2
  const tiedX = tiedPairs(idx, (a, b) => x[a] === x[b])
  const tiedXY = tiedPairs(idx, (a, b) => x[a] === x[b] && y[a] === y[b])
  // Pairs equal in x are already ordered by y, so the inversions are exactly the discordant pairs.
  const discordant = countInversions(idx, y)
  const tiedY = tiedPairs(idx, (a, b) => y[a] === y[b])
  const concordant = total - tiedX - tiedY + tiedXY - discordant
  return (concordant - discordant) / total
}
