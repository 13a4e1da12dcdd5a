/**
 * Checks on one raw proposal success line that do not depend on how it becomes a document: frames out of
 * range, start/complete frames that overlap or leave gaps, sub-tasks ProcVLM drops or counts as failed.
 */
import type { ProblemLog } from '../problems'
import type { RawProposalSuccess, RawSubtask } from './procvlmTypes'

/** Where the line is and how long the episode is (known or assumed). */
export interface RawCheckContext {
  log: ProblemLog
  where: { line: number }
  frameCount: number
}

const MAX_LISTED = 3

function listed(items: readonly string[]): string {
  const more = items.length > MAX_LISTED ? ` and ${items.length - MAX_LISTED} more` : ''
  return items.slice(0, MAX_LISTED).join('; ') + more
}

/** Report every problem of `line` (docs/formats.md, problem catalogue). */
export function checkRawLine(line: RawProposalSuccess, ctx: RawCheckContext): void {
  const { log, where } = ctx
  const subtasks = line.results.subtasks
  for (const s of subtasks) checkFrames(s, line, ctx)
  for (const s of subtasks) {
    if (s.start_frame !== null && s.complete_frame !== null && s.start_frame > s.complete_frame) {
      log.warn('start-after-complete', `"${s.name}" starts at ${s.start_frame}, after it completes at ${s.complete_frame}; ProcVLM ignores start frames, so the step still ends at its complete frame`, where)
    }
    if (s.start_frame === null && s.complete_frame !== null) {
      log.warn('missing-start-frame', `"${s.name}" has complete_frame ${s.complete_frame} but no start_frame; ProcVLM's flattener drops it and counts it as not completed; kept off the timeline`, where)
    }
  }
  const absent = subtasks.filter((s) => s.start_frame === null && s.complete_frame === null)
  if (absent.length > 0) {
    log.warn('absent-subtask', `${absent.length} of ${subtasks.length} sub-tasks reported not present (${absent.map((s) => `"${s.name}"`).join(', ')}); kept off the timeline for export; ProcVLM's outcome rule counts them as not completed`, where)
  }
  const completed = subtasks.filter((s) => s.start_frame !== null && s.complete_frame !== null)
    .sort((a, b) => a.complete_frame! - b.complete_frame!)
  const overlaps: string[] = []
  const gaps: string[] = []
  for (let i = 1; i < completed.length; i++) {
    const prev = completed[i - 1]!
    const cur = completed[i]!
    const pair = `"${cur.name}" starts at ${cur.start_frame}, "${prev.name}" completes at ${prev.complete_frame}`
    if (cur.start_frame! < prev.complete_frame!) overlaps.push(pair)
    else if (cur.start_frame! > prev.complete_frame!) gaps.push(pair)
  }
  if (overlaps.length > 0) {
    log.warn('overlapping-segments', `sub-tasks overlap: ${listed(overlaps)}; ProcVLM starts each step where the previous one completes`, where)
  }
  if (gaps.length > 0) {
    log.warn('gapped-segments', `sub-tasks leave gaps: ${listed(gaps)}; ProcVLM gives the gap frames to the next step`, where)
  }
}

function checkFrames(s: RawSubtask, line: RawProposalSuccess, ctx: RawCheckContext): void {
  for (const [key, f] of [['start_frame', s.start_frame], ['complete_frame', s.complete_frame]] as const) {
    if (f === null) continue
    if (f < 0 || f >= ctx.frameCount) {
      ctx.log.error('frame-out-of-range', `"${s.name}" ${key} ${f} is outside the episode's frames 0-${ctx.frameCount - 1}`, ctx.where)
    } else if (f < line.task_start || f >= line.task_end) {
      const effect = key === 'complete_frame' ? (f < line.task_start ? '; the step gets no frames' : `; ProcVLM ends the step at ${line.task_end - 1}`) : ''
      ctx.log.warn('frame-out-of-range', `"${s.name}" ${key} ${f} is outside its task segment [${line.task_start}, ${line.task_end})${effect}`, ctx.where)
    }
  }
}
