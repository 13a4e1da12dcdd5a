/**
 * Family a, action segmentation, as ProcVLM's `episode_handler_a` builds it (procvlm-formats.md §4.2 (a)):
 *
 * ```text
 *  a1   the whole task, randint(32, 96) frames at most, with the task in the prompt       always
 *  a2   randint(0, 2):  0 → nothing
 *                       1 → the whole task again, randint(32, 96) frames, no task in the prompt
 *                       2 → two sub-ranges (steps i..j, never all of them), randint(16, 64) frames each
 *  question   "<frame 0>\n<image>\n<frame 1>\n<image>\n…" + prompt
 *  answer     json.dumps([{"action_description": label, "start_frame": k0, "end_frame": k1}, …], ensure_ascii=False)
 * ```
 * `k0`, `k1` are positions in the sampled list, both inclusive: runs of equal labels over the *sampled*
 * frames, with `done`, `not done` and empty runs left out.
 */
import { isValidLabel } from '../budgets'
import { runsOf } from '../progress'
import type { Rng } from '../random'
import { shuffleInPlace } from '../random'
import { pythonJsonDumps } from './pythonJson'
import type { ProcvqaEpisodeFacts, ProcvqaFamily, ProcvqaItem } from './procvqaRecord'
import { makeRecord } from './procvqaRecord'
import { boundedSample } from './procvqaSampling'
import { PROCEDURAL_A1, PROCEDURAL_A2, fillTemplate } from './procvqaTemplates'

/** The answer for these sampled frames: runs over the samples' labels, positions inclusive, invalid runs dropped. */
export function segmentationAnswer(labels: readonly (string | null)[], frames: readonly number[]): string {
  const sampled = frames.map((f) => labels[f] ?? null)
  const actions = runsOf(sampled)
    .filter((r) => isValidLabel(r.label))
    .map((r) => ({ action_description: r.label, start_frame: r.start, end_frame: r.end - 1 }))
  return pythonJsonDumps(actions, { ensureAscii: false })
}

function item(facts: ProcvqaEpisodeFacts, family: ProcvqaFamily, frames: readonly number[], prompt: string): ProcvqaItem {
  const interleaved = frames.map((_, k) => `<frame ${k}>\n<image>\n`).join('')
  return makeRecord(facts, { family, frames, question: interleaved + prompt, answer: segmentationAnswer(facts.labels, frames) })
}

/** The step ranges a2 may cover: every `i <= j` except the one spanning all steps (ProcVLM's `repeat_pairs`). */
function subRanges(steps: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = []
  for (let i = 0; i < steps.length; i++) {
    for (let j = i; j < steps.length; j++) {
      if (!(i === 0 && j === steps.length - 1)) out.push({ start: steps[i]!.start, end: steps[j]!.end })
    }
  }
  return out
}

/** Family a's records for one episode, in ProcVLM's order (a1 first). */
export function segmentationRecords(facts: ProcvqaEpisodeFacts, rng: Rng): ProcvqaItem[] {
  const { start, end } = facts.range
  const out = [item(facts, 'a1', boundedSample(start, end, rng.int(32, 96)), fillTemplate(PROCEDURAL_A1, facts.doc.task))]
  const repeat = rng.int(0, 2)
  if (repeat === 1) {
    out.push(item(facts, 'a2', boundedSample(start, end, rng.int(32, 96)), PROCEDURAL_A2))
  } else if (repeat === 2) {
    // The real sub-tasks: runs of equal valid labels over the task (ProcVLM's `real_sub_task_splits`).
    const steps = runsOf(facts.labels.slice(start, end))
      .filter((r) => isValidLabel(r.label))
      .map((r) => ({ start: r.start + start, end: r.end + start }))
    for (const range of shuffleInPlace(rng, subRanges(steps)).slice(0, 2)) {
      out.push(item(facts, 'a2', boundedSample(range.start, range.end, rng.int(16, 64)), PROCEDURAL_A2))
    }
  }
  return out
}
