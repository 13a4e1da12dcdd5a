/**
 * Family c, progress, as ProcVLM's `episode_handler_c` builds it (procvlm-formats.md §4.2 (c)), with the
 * answer from the document's corrected target (`progressAnswer`, annotator profile: budgets, cutoff, outcome):
 *
 * ```text
 *  frames     every frame of the task, each skipped with probability 0.2; of the finished ones (progress 1),
 *             10 at random
 *  window     sample_previous_frames (procvqaSampling.ts)
 *  answer     "The following actions are required: \n1. A\n2. B\nTherefore, the estimated progress is <progress>37.50%</progress>."
 *             finished: "{finish reason}.\nTherefore, the estimated progress is <progress>100%</progress>."
 * ```
 */
import { isFinished } from '../progress'
import { progressAnswer } from '../progressAnswer'
import type { Rng } from '../random'
import type { ProcvqaEpisodeFacts, ProcvqaItem } from './procvqaRecord'
import { makeRecord, windowQuestion } from './procvqaRecord'
import { pickFrames } from './procvqaPlanning'
import { previousFrames } from './procvqaSampling'
import type { ProcvqaSkipCounts } from './procvqaSkips'
import { countSkip } from './procvqaSkips'
import { PROCEDURAL_C, fillTemplate } from './procvqaTemplates'

const SKIP_RATIO = 0.2

/** Family c's records for one episode, in frame order; frames that yield none are counted in `skips`. */
export function progressRecords(facts: ProcvqaEpisodeFacts, rng: Rng, skips: ProcvqaSkipCounts): ProcvqaItem[] {
  const { start, end } = facts.range
  const { progress, remaining, finishReason } = facts
  const frames = pickFrames({ rng, start, end, skipRatio: SKIP_RATIO, finishedAt: (f) => isFinished(progress[f]!) })
  const prompt = fillTemplate(PROCEDURAL_C, facts.doc.task)
  const out: ProcvqaItem[] = []
  for (const cur of frames) {
    const answer = progressAnswer({ progress: progress[cur]!, remaining: remaining[cur] ?? [], finishReason })
    if (answer.text === undefined) {
      countSkip(skips, 'no-finish-reason')
      continue
    }
    if (answer.skipped !== undefined) {
      countSkip(skips, 'no-remaining-actions')
      continue
    }
    const window = previousFrames(rng, cur, start)
    out.push(makeRecord(facts, { family: 'c', frames: window, question: windowQuestion(window, prompt), answer: answer.text }))
  }
  return out
}
