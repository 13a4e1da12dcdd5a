/**
 * Zero-shot reward editing: the same model on the same episode under two instructions (the paper's "put the
 * apple into the basket" against "… and move the basket to the upper corner"). Where the two curves part is
 * where the instruction changed what the model rewards; this finds those frames.
 *
 * Curves are compared at every frame either one was sampled at, each read as its latest sample at or before
 * the frame (a prediction holds until the next); frames before both curves' first samples, and samples whose
 * output did not parse, are left out. A frame diverges when the two values differ by more than `threshold`
 * points; consecutive diverging sample frames form one range, which ends (exclusive) at the next compared frame
 * where they agree again, or at the last compared frame + 1.
 */

/** One model's curve under one instruction; progress on 0..100 at sampled frames, NaN where nothing parsed. */
export interface InstructionCurve {
  model: string
  instruction: string
  frames: readonly { frameIndex: number; progress: number }[]
}

export interface DivergenceRange {
  start: number
  /** Exclusive. */
  end: number
}

export interface InstructionDivergence {
  model: string
  /** The two instructions, in the order the curves were given. */
  instructions: [string, string]
  ranges: DivergenceRange[]
  /** The largest |a − b| in points over the compared frames, and the first frame it occurs at (none when they never differ). */
  maxGap: number
  maxFrame: number | undefined
}

export const DEFAULT_DIVERGENCE_THRESHOLD = 10

/** The latest finite sample at or before `frame`, by binary search over sorted frames. */
function holdAt(frames: InstructionCurve['frames'], frame: number): number | undefined {
  let lo = 0
  let hi = frames.length - 1
  let found: number | undefined
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (frames[mid]!.frameIndex <= frame) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  if (found === undefined) return undefined
  const value = frames[found]!.progress
  return Number.isFinite(value) ? value : undefined
}

/** Where two curves of one model under different instructions part. */
export function divergence(a: InstructionCurve, b: InstructionCurve, threshold = DEFAULT_DIVERGENCE_THRESHOLD): InstructionDivergence {
  const at = [...new Set([...a.frames, ...b.frames].map((f) => f.frameIndex))].sort((x, y) => x - y)
  const ranges: DivergenceRange[] = []
  let open: number | undefined
  let maxGap = 0
  let maxFrame: number | undefined
  let last: number | undefined
  for (const frame of at) {
    const va = holdAt(a.frames, frame)
    const vb = holdAt(b.frames, frame)
    if (va === undefined || vb === undefined) continue
    last = frame
    const gap = Math.abs(va - vb)
    if (gap > maxGap) {
      maxGap = gap
      maxFrame = frame
    }
    if (gap > threshold && open === undefined) open = frame
    if (gap <= threshold && open !== undefined) {
      ranges.push({ start: open, end: frame })
      open = undefined
    }
  }
  if (open !== undefined && last !== undefined) ranges.push({ start: open, end: last + 1 })
  return { model: a.model, instructions: [a.instruction, b.instruction], ranges, maxGap, maxFrame }
}

/** Every pair of instructions for each model that was run under more than one. */
export function instructionDivergences(curves: readonly InstructionCurve[], threshold = DEFAULT_DIVERGENCE_THRESHOLD): InstructionDivergence[] {
  const out: InstructionDivergence[] = []
  const models = [...new Set(curves.map((c) => c.model))]
  for (const model of models) {
    const mine = curves.filter((c) => c.model === model)
    for (let i = 0; i < mine.length; i++) {
      for (let j = i + 1; j < mine.length; j++) {
        if (mine[i]!.instruction !== mine[j]!.instruction) out.push(divergence(mine[i]!, mine[j]!, threshold))
      }
    }
  }
  return out
}
