/**
 * The answer of ProcVQA's progress family (c) for one frame, exactly as `evqa/tools/pick_procedural.py` writes
 * it (procvlm-formats.md §4.2): the remaining actions, then the progress in `<progress>…</progress>`. This is
 * the reasoning-before-estimation text a progress model is trained to produce, so the editor shows it at the
 * playhead, and the ProcVQA export writes it.
 *
 * ```text
 *  unfinished: "The following actions are required: \n1. A\n2. B\nTherefore, the estimated progress is <progress>37.50%</progress>."
 *  finished:   "{finish reason}.\nTherefore, the estimated progress is <progress>100%</progress>."
 * ```
 */
import { formatProgressAnswer, isFinished } from './progress'
import type { RemainingActions } from './remainingActions'

export interface ProgressAnswer {
  /** The answer text, or undefined when ProcVLM would write no sample for this frame. */
  text: string | undefined
  /** `<progress>…%</progress>`: always, even when no sample would be written. */
  tag: string
  /** Why ProcVLM writes no sample here, when it does not. */
  skipped?: string
}

/** Python's `str()` of a list item: ProcVLM formats a `None` label as `None`. */
function pythonStr(value: string | null): string {
  return value === null ? 'None' : value
}

/** Family (c)'s answer for a frame with progress `progress` (in [0, 1]) and these remaining actions. */
export function progressAnswer(input: { progress: number; remaining: RemainingActions; finishReason?: string | undefined }): ProgressAnswer {
  const tag = `<progress>${formatProgressAnswer(input.progress)}</progress>`
  if (isFinished(input.progress)) {
    const reason = input.finishReason
    if (reason === undefined || reason === '') {
      return { text: undefined, tag, skipped: 'a finished frame needs a finish reason (the CoT\'s second sentence); ProcVLM skips it without one' }
    }
    return { text: `${reason}.\nTherefore, the estimated progress is ${tag}.`, tag }
  }
  const list = input.remaining.map((a, i) => `${i + 1}. ${pythonStr(a)}`).join('\n')
  const answer: ProgressAnswer = { text: `The following actions are required: \n${list}\nTherefore, the estimated progress is ${tag}.`, tag }
  if (input.remaining.length === 0) answer.skipped = 'no remaining action is listed here (a not-done tail); ProcVLM\'s one-shot annotator drops such frames'
  return answer
}
