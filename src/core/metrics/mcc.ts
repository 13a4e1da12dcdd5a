/**
 * MCC@95: success detection by thresholding progress, as ProcVLM's `compute_mcc_from_progress`.
 */

/** One sample's predicted and target progress (0..100; anything finite, not clipped). */
export interface ProgressPair {
  pred: number
  target: number
}

/** Confusion counts of "done" (value ≥ threshold) between prediction and target. */
export interface DoneConfusion {
  tp: number
  tn: number
  fp: number
  fn: number
}

/** Count the confusion matrix of `value ≥ threshold`; pairs with a non-finite value are skipped. */
export function doneConfusion(pairs: readonly ProgressPair[], threshold = 95): DoneConfusion {
  const c: DoneConfusion = { tp: 0, tn: 0, fp: 0, fn: 0 }
  for (const { pred, target } of pairs) {
    if (!Number.isFinite(pred) || !Number.isFinite(target)) continue
    const predDone = pred >= threshold
    const gtDone = target >= threshold
    if (predDone && gtDone) c.tp++
    else if (!predDone && !gtDone) c.tn++
    else if (predDone) c.fp++
    else c.fn++
  }
  return c
}

/**
 * Matthews correlation of the "done" decision: (TP·TN − FP·FN) / sqrt((TP+FP)(TP+FN)(TN+FP)(TN+FN) + 1e-8).
 * The 1e-8 keeps the denominator positive, so a degenerate matrix (e.g. nothing done) scores 0; ProcVLM's
 * "return 0.5 when the denominator is 0" branch is unreachable and not reproduced. Products are exact
 * integers (BigInt), as in Python, before the conversion to float.
 *
 * ProcVLM applies this to *every* sample where both texts contain a number, segmentation and planning
 * samples included (see `procvlmEval.ts`); pass only progress samples to get the intended metric.
 */
export function mcc(pairs: readonly ProgressPair[], threshold = 95): number {
  return mccFromConfusion(doneConfusion(pairs, threshold))
}

/** {@link mcc} from already counted confusion numbers. */
export function mccFromConfusion({ tp, tn, fp, fn }: DoneConfusion): number {
  const big = BigInt
  const product = big(tp + fp) * big(tp + fn) * big(tn + fp) * big(tn + fn)
  const denom = Math.sqrt(Number(product) + 1e-8)
  return Number(big(tp) * big(tn) - big(fp) * big(fn)) / denom
}
