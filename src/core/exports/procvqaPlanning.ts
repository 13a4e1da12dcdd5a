/**
 * Family b, planning, as ProcVLM's `episode_handler_b` builds it (procvlm-formats.md §4.2 (b)):
 *
 * ```text
 *  frames     every frame but the task's last, each skipped with probability 0.4; of those whose *next*
 *             frame is finished (progress 1), 10 at random
 *  window     sample_previous_frames (procvqaSampling.ts)
 *  family     b1 or b2, 50/50
 *  answer     b1: the next frame's label            b2: "1. A\n2. B" from the next frame's remaining actions
 *             next frame finished: "No action required. {finish reason}."
 * ```
 * The target is the *next* frame's (cur + 1), so b1 usually names the step under way.
 */
import { isValidLabel } from '../budgets'
import { isFinished } from '../progress'
import type { Rng } from '../random'
import { shuffleInPlace } from '../random'
import type { ProcvqaEpisodeFacts, ProcvqaItem } from './procvqaRecord'
import { makeRecord, windowQuestion } from './procvqaRecord'
import { previousFrames } from './procvqaSampling'
import type { ProcvqaSkipCounts } from './procvqaSkips'
import { countSkip } from './procvqaSkips'
import { PROCEDURAL_B1, PROCEDURAL_B2, fillTemplate } from './procvqaTemplates'

const SKIP_RATIO = 0.4
/** ProcVLM keeps at most this many finished frames per episode and family, so tails don't dominate. */
export const MAX_FINISHED = 10

/** `f"{i+1}. {action}"` lines; Python formats a `None` action as `None`. */
export function numberedList(actions: readonly (string | null)[]): string {
  return actions.map((a, i) => `${i + 1}. ${a ?? 'None'}`).join('\n')
}

/**
 * The frames a family asks about: each of `[start, end)` kept unless `rng.next() < skipRatio`, finished ones
 * (by `finishedAt(frame)`) shuffled and capped at {@link MAX_FINISHED}, the rest kept; in frame order.
 */
export function pickFrames(input: { rng: Rng; start: number; end: number; skipRatio: number; finishedAt: (frame: number) => boolean }): number[] {
  const open: number[] = []
  const finished: number[] = []
  for (let f = input.start; f < input.end; f++) {
    if (input.rng.next() < input.skipRatio) continue
    ;(input.finishedAt(f) ? finished : open).push(f)
  }
  return [...open, ...shuffleInPlace(input.rng, finished).slice(0, MAX_FINISHED)].sort((a, b) => a - b)
}

/** Family b's records for one episode, in frame order; frames that yield none are counted in `skips`. */
export function planningRecords(facts: ProcvqaEpisodeFacts, rng: Rng, skips: ProcvqaSkipCounts): ProcvqaItem[] {
  const { start, end } = facts.range
  const { labels, progress, remaining, finishReason } = facts
  const frames = pickFrames({ rng, start, end: end - 1, skipRatio: SKIP_RATIO, finishedAt: (f) => isFinished(progress[f + 1]!) })
  const out: ProcvqaItem[] = []
  for (const cur of frames) {
    const next = cur + 1
    const finished = isFinished(progress[next]!)
    if (finished && finishReason === undefined) {
      countSkip(skips, 'no-finish-reason')
      continue
    }
    const nextLabel = labels[next] ?? null
    if (!finished && !isValidLabel(nextLabel)) {
      countSkip(skips, 'next-not-a-step')
      continue
    }
    const window = previousFrames(rng, cur, start)
    const b1 = rng.int(0, 1) === 1
    const done = `No action required. ${finishReason ?? ''}.`
    const answer = finished ? done : b1 ? (nextLabel ?? '') : numberedList(remaining[next] ?? [])
    const family = b1 ? 'b1' : 'b2'
    const prompt = fillTemplate(b1 ? PROCEDURAL_B1 : PROCEDURAL_B2, facts.doc.task)
    out.push(makeRecord(facts, { family, frames: window, question: windowQuestion(window, prompt), answer }))
  }
  return out
}
