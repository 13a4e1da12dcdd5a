/**
 * The frame samplers of ProcVLM's ProcVQA generator (`evqa/tools/pick_procedural.py`), same rules, same
 * probabilities, drawn from a ProcLens {@link Rng} (so the same kind of choices as ProcVLM, not the same ones).
 */
import type { Rng } from '../random'

/**
 * `get_sample_image_indices_bounded(start, end, maxFrames)` (`ecot/utils/sub_task_utils.py`): every frame of
 * `[start, end)` when there are at most `maxFrames`, else every `ceil(n / maxFrames)`-th frame from `start`
 * (so at most `maxFrames`, often fewer).
 */
export function boundedSample(start: number, end: number, maxFrames: number): number[] {
  const n = end - start
  const step = n <= maxFrames ? 1 : Math.ceil(n / maxFrames)
  const out: number[] = []
  for (let f = start; f < end; f += step) out.push(f)
  return out
}

/** `sample_previous_frames`'s parameters: 30% a single frame, otherwise 4..16 frames before the current one. */
export const WINDOW = { singleFrameP: 0.3, minFrames: 4, maxFrames: 16 } as const

/**
 * The observation window ending at `cur` (`sample_previous_frames`): with probability 0.3 only `[cur]`;
 * otherwise `randint(4, 16)` frames *before* `cur` plus `cur` itself (5..17 images), cut at `first`. ProcVLM
 * cuts at frame 0, the episode's start; ProcLens at the task's first frame, which is 0 unless the document
 * marks frames before the task as outside it.
 */
export function previousFrames(rng: Rng, cur: number, first: number): number[] {
  if (rng.next() < WINDOW.singleFrameP) return [cur]
  const count = rng.int(WINDOW.minFrames, WINDOW.maxFrames)
  const out: number[] = []
  for (let f = Math.max(first, cur - count); f <= cur; f++) out.push(f)
  return out
}
