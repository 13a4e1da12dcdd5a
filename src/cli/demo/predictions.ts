/**
 * Two imaginary progress models, written as ProcVLM inference rows (§6.1):
 * - `procvlm-2b` follows the visible procedure (including setbacks: a dropped object sends it back down)
 *   with some noise and a lag of a few frames, answering in ProcVLM's trained format with 2 decimals;
 * - `timebase-7b` mostly reads elapsed time, in whole percent, so it ends near 100% even on a failure.
 * Both sometimes produce an answer without a parsable `<progress>` tag (the row then repeats the previous value).
 */
import type { PlanStep } from './plan'
import { makeRng } from '@/core/random'
import type { InferenceRow } from './inferenceFormat'
import { makeRow, uniformIndices, windowValues } from './inferenceFormat'

export const MODELS = ['procvlm-2b', 'timebase-7b'] as const
export type ModelName = (typeof MODELS)[number]

export const MAX_SAMPLED_FRAMES = 512
export const WINDOW_SIZE = 8

/**
 * What a procedure-aware observer sees, per frame, in [0, 1]: `(stage + f) / steps`. An attempt is a run of
 * frames on one stage; `f` is its active (non-idle) frames so far over the active length of the attempt that
 * finally completed that stage, so an attempt cut short (a slip, a drop) never looks finished.
 */
export function visibleProgress(frames: readonly { stage: number; idle: boolean }[], steps: number): number[] {
  const attempts: { start: number; end: number; stage: number; active: number }[] = []
  for (let i = 0; i < frames.length; ) {
    let j = i
    while (j < frames.length && frames[j]!.stage === frames[i]!.stage) j++
    attempts.push({ start: i, end: j, stage: frames[i]!.stage, active: frames.slice(i, j).filter((f) => !f.idle).length })
    i = j
  }
  const completed = attempts.map((a, k) => (attempts[k + 1]?.stage ?? -1) > a.stage)
  const finalLength = new Map<number, number>()
  attempts.forEach((a, k) => {
    if (completed[k] === true) finalLength.set(a.stage, a.active)
  })
  const lengths = [...finalLength.values()].sort((a, b) => a - b)
  const typical = lengths[Math.floor(lengths.length / 2)] ?? 1
  const out = new Array<number>(frames.length).fill(0)
  attempts.forEach((a, k) => {
    const expected = Math.max(1, finalLength.get(a.stage) ?? typical)
    const cap = completed[k] === true ? 1 : 0.97
    let done = 0
    for (let f = a.start; f < a.end; f++) {
      if (!frames[f]!.idle) done++
      out[f] = a.stage >= steps ? 1 : (a.stage + Math.min(cap, done / expected)) / steps
    }
  })
  return out
}

export interface PredictionInput {
  model: ModelName
  videoPath: string
  task: string
  fps: number
  plan: readonly PlanStep[]
  /** visibleProgress of the episode. */
  visible: readonly number[]
  /** Said when the model thinks the task is finished. */
  finishReason: string
  seed: number
  /** Judge under a longer instruction whose extra step never happens (zero-shot reward editing). */
  extraStep?: PlanStep
}

function procvlmAnswer(value: number, remaining: readonly string[], finishReason: string): string {
  if (remaining.length === 0) return `${finishReason}.\nTherefore, the estimated progress is <progress>100%</progress>.`
  const list = remaining.map((r, i) => `${i + 1}. ${r}`).join('\n')
  return `The following actions are required: \n${list}\nTherefore, the estimated progress is <progress>${value.toFixed(2)}%</progress>.`
}

function procvlmDegenerate(remaining: readonly string[]): string {
  const first = remaining[0] ?? 'Place the object into the bin.'
  return `The following actions are required: \n${[1, 2, 3, 4, 5].map((i) => `${i}. ${first}`).join('\n')}\n6.`
}

function timebaseAnswer(value: number, current: string): string {
  return `The robot is working on: ${current}\nEstimated completion: <progress>${value}%</progress>.`
}

/** The rows one model writes for one episode under one instruction. */
export function predictRows(input: PredictionInput): InferenceRow[] {
  const n = input.visible.length
  const rng = makeRng(input.seed)
  const plan = input.extraStep === undefined ? input.plan : [...input.plan, input.extraStep]
  const shrink = input.plan.length / plan.length
  const sampled = uniformIndices(n, Math.min(n, MAX_SAMPLED_FRAMES))
  const rows: InferenceRow[] = []
  let previous = 0
  let drift = 0
  for (const [s, frame] of sampled.entries()) {
    drift = 0.9 * drift + rng.normal() * 0.9
    let output: string
    if (input.model === 'procvlm-2b') {
      const seen = input.visible[Math.max(0, frame - 10)]! * shrink
      const finished = seen >= 0.999
      const value = Math.max(0, Math.min(finished ? 100 : 99.5, 100 * seen + drift + rng.normal() * 1.2))
      const stage = Math.min(plan.length, Math.floor(seen * plan.length + 1e-9))
      const remaining = finished ? [] : plan.slice(stage).map((p) => p.name)
      output = rng.next() < 0.015 ? procvlmDegenerate(remaining) : procvlmAnswer(value, remaining, input.finishReason)
    } else {
      const t = n <= 1 ? 1 : frame / (n - 1)
      const base = Math.min(1, Math.pow(t, 0.85) * 1.06) * (input.extraStep === undefined ? 1 : 0.75)
      const value = Math.round(Math.max(0, Math.min(100, 100 * base + 1.8 * drift + rng.normal() * 2)))
      const current = plan[Math.min(plan.length - 1, Math.floor((value / 100) * plan.length))]!.name
      output = rng.next() < 0.03 ? `The robot is working on: ${current}\nThe task looks about ${value > 50 ? 'mostly' : 'partly'} complete.` : timebaseAnswer(value, current)
    }
    const row = makeRow({
      video_path: input.videoPath,
      task: input.task,
      sample_index: s,
      frame_index: frame,
      window_frame_indices: windowValues(sampled.slice(0, s + 1), s, WINDOW_SIZE),
      model_output: output,
      fps: input.fps,
      previous,
    })
    previous = row.progress
    rows.push(row)
  }
  return rows
}
