/**
 * GVL-style query records (OpenGVL `results/*.jsonl`): a VLM sees frames of one episode in shuffled order
 * and answers a completion percentage per frame in free text ("Frame 3: 45.0% - …").
 *
 * Pairing, checked on real records: the k-th frame shown (the model's "Frame k+1") is source frame
 * `original_frames_indices[shuffled_frames_indices[k]]`, and `ground_truth_completion[k]` is *its* completion
 * (the list is in shown order, despite the file's `frame_mapping.original_to_completion` suggesting otherwise).
 */
import type { ProblemLog } from '../problems'
import { isObject, parseJsonl } from './jsonl'

/** One shown frame of a record. */
export interface GvlFrame {
  /** 0-based position in the shown (shuffled) order; the model calls it "Frame shownIndex+1". */
  shownIndex: number
  /** Source-episode frame index, when the record's index lists allow it. */
  frameIndex?: number
  /** Ground-truth completion, 0..100. */
  target: number
  /** The model's completion for this frame, 0..100; absent when the answer has none. */
  predicted?: number
}

/** One GVL query. */
export interface GvlRecord {
  line: number
  episodeIndex?: number
  instruction?: string
  frames: GvlFrame[]
}

/** `Frame 3: 45%`, `**Frame 3:** 45%`: the pattern documented with the OpenGVL data (SOURCE.md). */
const FRAME_PERCENT = /Frame\s*(\d+)\s*:?\**\s*:?\s*([0-9.]+)\s*%/g

/**
 * Per-frame percentages from a free-text answer, keyed by the model's 1-based frame number. The first
 * mention of a frame wins; a number that is not a valid decimal ("1.2.3") is ignored.
 */
export function extractFramePercentages(text: string): Map<number, number> {
  const out = new Map<number, number>()
  for (const m of text.matchAll(FRAME_PERCENT)) {
    const frame = Number(m[1])
    const value = Number(m[2])
    if (!out.has(frame) && Number.isFinite(value)) out.set(frame, value)
  }
  return out
}

const numberList = (v: unknown): number[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x)) ? (v as number[]) : undefined

/** Read GVL records leniently: records without a usable `eval_episode.ground_truth_completion` are skipped. */
export function parseGvlRecords(text: string, log: ProblemLog): GvlRecord[] {
  const records: GvlRecord[] = []
  for (const { line, value } of parseJsonl(text, log)) {
    const ep = isObject(value) ? value.eval_episode : undefined
    const targets = isObject(ep) ? numberList(ep.ground_truth_completion) : undefined
    if (!isObject(value) || !isObject(ep) || targets === undefined) {
      log.error('bad-gvl-record', 'no "eval_episode.ground_truth_completion" list of numbers; record skipped', { line })
      continue
    }
    const original = numberList(ep.original_frames_indices)
    const shuffled = numberList(ep.shuffled_frames_indices)
    const answer = typeof value.model_response === 'string' ? value.model_response : ''
    const predicted = extractFramePercentages(answer)
    const frames: GvlFrame[] = targets.map((target, k) => {
      const frame: GvlFrame = { shownIndex: k, target }
      const frameIndex = original?.[shuffled?.[k] ?? -1]
      if (frameIndex !== undefined) frame.frameIndex = frameIndex
      const p = predicted.get(k + 1)
      if (p !== undefined) frame.predicted = p
      return frame
    })
    const extra = [...predicted.keys()].filter((n) => n < 1 || n > targets.length)
    if (extra.length > 0) log.warn('gvl-frame-out-of-range', `the answer names frame(s) ${extra.join(', ')} but only ${targets.length} were shown`, { line })
    const missing = frames.filter((f) => f.predicted === undefined).length
    if (missing > 0) log.warn('gvl-missing-predictions', `${missing} of ${frames.length} frames have no "Frame N: x%" value in the answer`, { line })
    const record: GvlRecord = { line, frames }
    if (typeof ep.episode_index === 'number') record.episodeIndex = ep.episode_index
    if (typeof ep.instruction === 'string') record.instruction = ep.instruction
    records.push(record)
  }
  return records
}
