/**
 * ProcVLM's progress target `p()` (`evqa/tools/functions/progress.py`, procvlm-formats.md §3.2), reproduced
 * operation for operation so that, given the same similarities, every value is bit-identical to ProcVLM's.
 *
 * ```text
 *  labels   A    A    A    A  | B    B    B  | done done
 *  sims       1.0  .5   .75  (.9)  .25  1.0  (.3)  1.0      (pairs across a run boundary are dropped)
 *  d = 1.5 - sim   1.0  1.25 .75      1.25  .5
 *  r (per run)  0  .333 .417 .25  | 0  .714 .286 | 0    0   (first frame of a run gets 0)
 *  dp = w * r   w_A = clip(K*L/T) = 8/7, w_B = 6/7; invalid runs (done, not done, null, '') get 0
 *  p_i = (dp_0 + ... + dp_{i-1}) / D       (exclusive: every increment shows one frame late)
 * ```
 * Quirks kept on purpose (the exported data must train exactly as ProcVLM's own): K counts valid *runs*, not
 * unique labels; a run of one frame adds nothing; D = 0 gives all zeros; nothing is smoothed.
 */
import { isValidLabel, procvlmWeights } from './budgets'
import { labelsShowNotDone } from './remainingActions'

/** A maximal run of equal labels, half-open `[start, end)`. */
export interface Run {
  start: number
  /** Exclusive. */
  end: number
  label: string | null
  /** ProcVLM's validity: a non-empty label other than `done`, `done.`, `not done`, `not done.` (any case). */
  valid: boolean
}

/** The input of {@link procvlmProgress}: one label per frame and the similarity of each consecutive pair. */
export interface ProgressInput {
  labels: readonly (string | null)[]
  /** Length `n - 1`: `similarities[i - 1]` = sim(frame i-1, frame i) for i = 1..n-1 (pHash: 1 - hamming/64). */
  similarities: ArrayLike<number>
  /** Multiplies every value after normalising (the one-shot success cutoff, see {@link cutoffScale}); default 1. */
  scale?: number
}

/** A frame span carrying a weight: ProcVLM's `w_k` for a valid run, 0 for a flat (invalid) one. */
export interface WeightedSpan {
  start: number
  /** Exclusive. */
  end: number
  weight: number
}

/**
 * Maximal runs of equal labels, as `p()` splits them (`null` equals `null`; strings compare exactly, so `Done`
 * and `done` are different runs, though both invalid).
 */
export function runsOf(labels: readonly (string | null)[]): Run[] {
  const runs: Run[] = []
  let start = 0
  for (let i = 1; i <= labels.length; i++) {
    if (i < labels.length && labels[i] === labels[i - 1]) continue
    const label = labels[start] ?? null
    runs.push({ start, end: i, label, valid: isValidLabel(label) })
    start = i
  }
  return runs
}

/** ProcVLM's spans: every run, valid ones weighted `clip(K * L / T, 0.75, 1.25)`, invalid ones 0. */
export function procvlmSpans(runs: readonly Run[]): WeightedSpan[] {
  const weights = procvlmWeights(runs.filter((r) => r.valid).map((r) => r.end - r.start))
  let k = 0
  return runs.map((r) => ({ start: r.start, end: r.end, weight: r.valid ? weights[k++]! : 0 }))
}

/**
 * A similarity as the engine uses it. ProcVLM's are always in [0, 1]; a missing or non-numeric one (a frame
 * that could not be hashed) counts as 1.0, the value ProcVLM uses for frames it cannot compare (different
 * sizes), and a finite one outside [0, 1] is clamped so an increment `1.5 - sim` can never be negative.
 */
function simAt(similarities: ArrayLike<number>, i: number): number {
  const s = i < similarities.length ? similarities[i] : undefined
  if (s === undefined || Number.isNaN(s)) return 1
  return s < 0 ? 0 : s > 1 ? 1 : s
}

/**
 * The per-frame increments `dp` of `p()` over `n` frames for the given spans (which must tile `0..n`):
 * inside a span of two or more frames, `dp_i = weight * d_i / Σd` with `d_i = 1.5 - sim(i-1, i)` for every
 * frame but the first; 0 elsewhere. Evaluated in ProcVLM's order (`w * (d / Σd)`, left-to-right sums).
 */
export function procvlmIncrements(spans: readonly WeightedSpan[], similarities: ArrayLike<number>, n: number): Float64Array {
  const dp = new Float64Array(n)
  for (const { start, end, weight } of spans) {
    if (weight === 0 || end - start < 2) continue
    let total = 0
    for (let i = start + 1; i < end; i++) {
      const d = 1.5 - simAt(similarities, i - 1)
      dp[i] = d
      total += d
    }
    for (let i = start + 1; i < end; i++) dp[i] = total > 0 ? weight * (dp[i]! / total) : 0
  }
  return dp
}

/**
 * `p_i = (Σ_{j<i} dp_j) / D * scale`, with `D = Σ dp`; all zeros when D = 0. The sum excludes frame i, as
 * ProcVLM's `sum(dp[:i])` does. `scale` is the one-shot annotator's success cutoff for failed episodes (1
 * otherwise), applied after the division as ProcVLM does. Non-decreasing, in [0, scale].
 */
export function cumulativeProgress(dp: Float64Array, scale = 1): Float64Array {
  const n = dp.length
  const p = new Float64Array(n)
  let total = 0
  for (let i = 0; i < n; i++) total += dp[i]!
  if (!(total > 0)) return p
  let cum = 0
  for (let i = 1; i < n; i++) {
    cum += dp[i - 1]!
    p[i] = (cum / total) * scale
  }
  return p
}

/**
 * ProcVLM's `p()`: progress in [0, 1] for every frame, from per-frame labels and consecutive similarities.
 * See the module comment for the rules; procvlm-formats.md §3.3 gives worked vectors.
 */
export function procvlmProgress(input: ProgressInput): Float64Array {
  const n = input.labels.length
  return cumulativeProgress(procvlmIncrements(procvlmSpans(runsOf(input.labels)), input.similarities, n), input.scale ?? 1)
}

/**
 * The scale ProcVLM's one-shot annotator applies to per-frame labels given a success `cutoff`: the cutoff when
 * the labels show an episode that did not succeed (`labelsShowNotDone`: no `done` frame, or a `not done` tail;
 * a flattened failure repeats its last step on the tail), else 1 (a done episode is never scaled).
 */
export function cutoffScale(labels: readonly (string | null)[], cutoff: number): number {
  return labelsShowNotDone(labels) ? cutoff : 1
}

/** ProcVLM's "finished" rule for a frame: progress has reached 1 (QA answers then say `100%`). */
export function isFinished(p: number): boolean {
  return p >= 1
}

/**
 * `x.toFixed(2)` with Python's rounding: JavaScript rounds an exact tie (x = k/8, e.g. 12.125) up, Python's
 * `format(x, '.2f')` rounds it to even. Every other value is formatted identically by both.
 */
function fixed2(x: number): string {
  const eighths = x * 8
  if (!Number.isInteger(eighths) || Math.abs(eighths % 2) !== 1) return x.toFixed(2)
  const hundredths = Math.floor(x * 100) // exact: x * 100 is an odd multiple of 12.5
  const even = hundredths % 2 === 0 ? hundredths : hundredths + 1
  const sign = even < 0 ? '-' : ''
  const abs = Math.abs(even)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/**
 * The progress value as ProcVLM writes it inside `<progress>…</progress>`: `37.50%` (two decimals of
 * `p * 100`, Python rounding), and the literal `100%` once finished (p >= 1). A value just below 1 can still
 * print as `100.00%`, as it does in ProcVLM.
 */
export function formatProgressAnswer(p: number): string {
  return isFinished(p) ? '100%' : `${fixed2(p * 100)}%`
}
