/**
 * Pairing a predicted curve with its target by frame index: the one rule `proclens metrics` and the app's corpus
 * metrics share, so both score exactly the same frames in the same order (frame order, which VOC's tie order and
 * the monotonicity count depend on).
 */

/** A value per frame index: `[frame, value]`. */
export type FrameValue = readonly [frame: number, value: number]

/** The frames both series have, ascending, with each side's value there. */
export interface FramePairs {
  frames: number[]
  pred: number[]
  target: number[]
  /** Frames only the prediction has (ignored). */
  onlyPred: number
  /** Frames only the target has (ignored). */
  onlyTarget: number
}

/**
 * The shared frames of `pred` and `target`, in ascending frame order. A frame given twice keeps its last value,
 * as a reader that fills a map line by line would. Values are passed through as they are (finite or not): the
 * metrics decide which frames count.
 */
export function pairByFrame(pred: Iterable<FrameValue>, target: Iterable<FrameValue>): FramePairs {
  const p = new Map(pred)
  const t = new Map(target)
  const frames = [...t.keys()].filter((f) => p.has(f)).sort((a, b) => a - b)
  return {
    frames,
    pred: frames.map((f) => p.get(f) as number),
    target: frames.map((f) => t.get(f) as number),
    onlyPred: p.size - frames.length,
    onlyTarget: t.size - frames.length,
  }
}
