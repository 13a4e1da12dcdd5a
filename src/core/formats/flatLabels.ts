/**
 * A flattened ProcCorpus file's lines turned into per-frame values the way ProcVLM's data picker
 * (`evqa/tools/data_picker.py`) reads them, quirks included:
 * - labels come from a `{frame_id: sub_task}` dictionary: the last line of a duplicated frame id wins, a frame
 *   without a line is `null`, lines past the last frame are ignored;
 * - remaining actions walk every line sorted by frame id (duplicates and lines past the last frame included),
 *   and the first line of a frame id gives that frame its list.
 * The CLI's `progress` command and anything else that reads flat files use these, never a copy.
 */
import type { ProblemLog } from '../problems'
import { runsOf } from '../progress'
import type { RemainingActions } from '../remainingActions'
import { remainingActions } from '../remainingActions'
import type { FlatFrame } from './procvlmTypes'

/** `3, 5-9, 12` for sorted frame numbers, at most `max` items. */
export function frameRanges(frames: readonly number[], max = 8): string {
  const parts: string[] = []
  for (let i = 0; i < frames.length && parts.length < max; ) {
    let j = i
    while (j + 1 < frames.length && frames[j + 1] === frames[j]! + 1) j++
    parts.push(i === j ? String(frames[i]) : `${frames[i]}-${frames[j]}`)
    i = j + 1
  }
  const shown = parts.join(', ')
  return parts.length === max ? `${shown}, …` : shown
}

/**
 * Each of `frameCount` frames' label, as the data picker's dictionary gives it; what differs from a clean file
 * (missing, duplicated or extra frame ids; several tasks; no step at all) is logged as warnings.
 */
export function flatFrameLabels(lines: readonly FlatFrame[], frameCount: number, log: ProblemLog): (string | null)[] {
  const byFrame = new Map<number, FlatFrame>()
  const duplicated = new Set<number>()
  for (const l of lines) {
    if (byFrame.has(l.frame_id)) duplicated.add(l.frame_id)
    byFrame.set(l.frame_id, l)
  }
  const fileFrames = lines.reduce((m, l) => Math.max(m, l.frame_id), -1) + 1
  if (fileFrames !== frameCount) log.warn('frame-count-mismatch', `the labels cover frames 0-${fileFrames - 1}, the frames source has ${frameCount} frame(s)`)
  if (duplicated.size > 0) log.warn('duplicate-frame-id', `frame ids ${frameRanges([...duplicated].sort((a, b) => a - b))} have several lines; the last one's label is used, as ProcVLM's dictionary does`)
  const past = [...byFrame.keys()].filter((f) => f >= frameCount).sort((a, b) => a - b)
  if (past.length > 0) log.warn('label-past-last-frame', `label lines for frames ${frameRanges(past)} have no frame; they are ignored, except in remaining actions, as in ProcVLM`)
  const labels = Array.from({ length: frameCount }, (_, i) => byFrame.get(i)?.sub_task ?? null)
  const missing = labels.flatMap((_, i) => (byFrame.has(i) ? [] : [i]))
  if (missing.length > 0) log.warn('frame-without-label', `frames ${frameRanges(missing)} have no label line; read as null (flat), as ProcVLM does`)
  // ProcVLM's flattener writes one task text per task segment (a run of one LeRobot task_index), so two texts
  // mean two tasks; null padding alone does not.
  const tasks = new Set(lines.flatMap((l) => (l.frame_id < frameCount && l.task !== null ? [l.task] : [])))
  if (tasks.size > 1) log.warn('pipeline-skips-episode', `${tasks.size} different task texts: ProcVLM's pipeline skips episodes with more than one task`)
  else if (!runsOf(labels).some((r) => r.valid)) log.warn('pipeline-skips-episode', 'no sub-task label: ProcVLM\'s pipeline skips the episode, and progress is 0 everywhere')
  return labels
}

/** Remaining actions of `frameCount` frames as the data picker computes them from the file's lines. */
export function flatRemainingActions(lines: readonly FlatFrame[], frameCount: number, options: { fix?: boolean } = {}): RemainingActions[] {
  const sorted = [...lines].sort((a, b) => a.frame_id - b.frame_id)
  const lists = remainingActions({ labels: sorted.map((l) => l.sub_task), tasks: sorted.map((l) => l.task) }, { rule: 'data-picker', fix: options.fix === true })
  const out = new Array<RemainingActions | undefined>(frameCount)
  sorted.forEach((l, i) => {
    if (l.frame_id < frameCount && out[l.frame_id] === undefined) out[l.frame_id] = lists[i]!
  })
  return Array.from(out, (l) => l ?? [])
}
