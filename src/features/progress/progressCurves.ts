/**
 * The curves the progress chart draws, each with its exact per-frame values (for hover and readouts) and the
 * few points it is drawn with in the visible window (`lttb`, placed at frame centres, `k + 0.5`).
 */
import type { AnnotationDoc } from '@/core/annotation'
import { lttb } from '@/core/downsample'
import type { InferenceFrame } from '@/core/formats/inference'
import type { PredictionCurve } from '@/data/annotations/episodePredictions'
import { linearBaseline, proposalDoc, targetProgress } from '@/stores/annotationDerived'

/** A point to draw; `y: null` breaks the line (a model output that did not parse is a gap, not a value). */
export interface ChartPoint {
  x: number
  y: number | null
}

export interface Curve {
  key: string
  name: string
  color: string
  /** SVG dash pattern, or undefined for a solid line. */
  dash?: string
  width: number
  /**
   * Exact value at a frame, and the frame it was taken at (a model's nearest sample at or before it). `value` is
   * NaN where the model's output did not parse; `note` then holds the raw output.
   */
  at: (frame: number) => { value: number; frame: number; note?: string } | undefined
  /** Points to draw in the window `[from, to)`, at most `budget` of them. */
  points: (from: number, to: number, budget: number) => ChartPoint[]
}

// Apart from the target's sky blue and the proposal's amber.
const MODEL_COLORS = ['#c084fc', '#f472b6', '#4ade80', '#2dd4bf', '#e879f9', '#a3e635']

function denseCurve(key: string, name: string, values: Float64Array, style: Pick<Curve, 'color' | 'dash' | 'width'>): Curve {
  return {
    key, name, ...style,
    at: (frame) => (frame >= 0 && frame < values.length ? { value: values[frame]!, frame } : undefined),
    points: (from, to, budget) => lttb(values, { from, to, offset: 0.5 }, budget),
  }
}

/** The sample at or before `frame` (binary search); the first sample for frames before it. */
function sampleAt(frames: readonly InferenceFrame[], frame: number): InferenceFrame | undefined {
  let lo = 0
  let hi = frames.length - 1
  let best: InferenceFrame | undefined
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (frames[mid]!.frameIndex <= frame) {
      best = frames[mid]
      lo = mid + 1
    } else hi = mid - 1
  }
  return best
}

/** Above this many samples in the window, a model's samples are not drawn as dots (one element each). */
export const MAX_DOTS = 120

function predictionCurve(p: PredictionCurve, index: number): Curve {
  const frames = p.frames
  return {
    key: `model:${p.name}`, name: p.name, color: MODEL_COLORS[index % MODEL_COLORS.length]!, width: 1,
    ...(p.tag !== undefined ? { dash: '1 2' } : {}),
    at: (frame) => {
      const s = sampleAt(frames, frame)
      if (s === undefined) return undefined
      if (s.source === 'previous') return { value: Number.NaN, frame: s.frameIndex, note: `output did not parse: ${s.failedOutput === undefined || s.failedOutput === '' ? '(empty)' : JSON.stringify(s.failedOutput.slice(0, 300))}` }
      return { value: s.progress / 100, frame: s.frameIndex }
    },
    points: (from, to) => {
      // Sampled frames are drawn where they were sampled (never stretched), one sample beyond each edge.
      // A sample whose output did not parse is a gap: ProcVLM reuses the previous value there, which is not a prediction.
      const out: ChartPoint[] = []
      for (let i = 0; i < frames.length; i++) {
        const f = frames[i]!.frameIndex
        const inside = f >= from && f < to
        const edge = (f < from && (frames[i + 1]?.frameIndex ?? -1) >= from) || (f >= to && (frames[i - 1]?.frameIndex ?? Infinity) < to)
        if (inside || edge) out.push({ x: f + 0.5, y: frames[i]!.source === 'previous' ? null : frames[i]!.progress / 100 })
      }
      return out
    },
  }
}

/** The target of the document being corrected: the one curve that changes with every edit. */
export function targetCurve(doc: AnnotationDoc, similarities: Float64Array | undefined): Curve {
  return denseCurve('target', 'target', targetProgress(doc, similarities).progress, { color: '#38bdf8', width: 2.5 })
}

/**
 * The curves an edit never changes, in legend order: the untouched proposal's target (give the proposal's document,
 * `proposalDoc`, whose identity stays the same across edits), the time-linear baseline and every model's
 * predictions (a run under another instruction dotted).
 */
export function referenceCurves(proposal: AnnotationDoc | undefined, frameCount: number, similarities: Float64Array | undefined, predictions: readonly PredictionCurve[]): Curve[] {
  const curves: Curve[] = []
  if (proposal !== undefined) curves.push(denseCurve('proposal', 'VLM proposal\'s target', proposalTarget(proposal, similarities), { color: '#f59e0b', dash: '6 3', width: 1.5 }))
  curves.push(denseCurve('linear', 'time-linear', linearBaseline(frameCount), { color: '#a1a1aa', dash: '2 3', width: 1 }))
  predictions.forEach((p, i) => curves.push(predictionCurve(p, i)))
  return curves
}

function proposalTarget(proposal: AnnotationDoc, similarities: Float64Array | undefined): Float64Array {
  // `proposal` is already the proposal's document: its own target is the proposal's target.
  return targetProgress(proposal, similarities).progress
}

/** Every curve of the chart, in legend order (the target first). */
export function progressCurves(doc: AnnotationDoc, similarities: Float64Array | undefined, predictions: readonly PredictionCurve[]): Curve[] {
  return [targetCurve(doc, similarities), ...referenceCurves(proposalDoc(doc), doc.frameCount, similarities, predictions)]
}
