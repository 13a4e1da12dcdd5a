/**
 * Raw VLM proposal (procvlm-formats.md §2.3) -> AnnotationDoc. The timeline follows ProcVLM's flattener
 * (§2.4) so the document means what ProcVLM trains on; everything else in the line is kept in
 * `provenance.rawProposal` so that `docToProposal` gives the same lines back for an unedited document.
 *
 * ```text
 *  raw     A: start 3, complete 8     B: start 9, complete 14     C: start 15, complete null    D: null, null
 *  frames  0 ... 20 (task_start 2, task_end 20)
 *  doc     [outside 0-2][ A 2-8 ][ B 8-14 ][ C (incomplete) 14-20 ]            D kept, not on the timeline
 * ```
 * - Completed sub-tasks (both frames set), in `complete_frame` order, end at `min(task_end - 1, complete_frame)`
 *   and start where the previous one ended; `start_frame` is never a boundary (ProcVLM uses it only as a filter).
 * - Started-but-not-completed sub-tasks become `incomplete` steps after the last completed one, split at their
 *   start frames; ProcVLM's flattener drops them, so their frames flatten to the tail's label.
 * - Otherwise the frames after the last completed step are the tail.
 * - Absent sub-tasks (both frames null), sub-tasks with only a complete frame (ProcVLM drops them) and
 *   completed ones that flatten to no frames are kept in the memo, not on the timeline.
 * - Outcome: ProcVLM's rule (`proposalIsDone`); not done is `not-done` (cutoff 0.75) when some sub-task was
 *   completed, `failed` when none was.
 * - Several task segments: the first (by `task_start`) becomes the document; the other lines are kept
 *   verbatim and their frames are `outside`.
 */
import type { AnnotationDoc, Outcome, Segment, StepMemo, UnplacedSubtask } from '../annotation'
import { DEFAULT_CUTOFF, SCHEMA_VERSION } from '../annotation'
import type { ProblemLog } from '../problems'
import { proposalIsDone } from './flatten'
import type { DocImport, ImportOptions } from './importOptions'
import { episodeNames, finishImport, givenFrameCount, importLog, numberSegments, resolveFps } from './importOptions'
import type { RawProposalLine, RawProposalSuccess, RawSubtask } from './procvlmTypes'
import { isRawSuccess } from './procvlmTypes'
import { checkRawLine } from './rawChecks'
import { parseVlmProposal } from './vlmProposal'

/** Options of `proposalToDoc`: the episode, plus the file line of each proposal line for problems. */
export interface ProposalImportOptions extends ImportOptions {
  /** `lineNumbers[i]` is the 1-based file line of `lines[i]` (default `i + 1`). */
  lineNumbers?: readonly number[]
}

/** Read a raw proposal file and build its document: `parseVlmProposal` then `proposalToDoc`. */
export function importVlmProposal(text: string, options: ImportOptions = {}): DocImport {
  const episode = episodeNames(options).episode
  const parsed = parseVlmProposal(text, options.file === undefined ? { episode } : { file: options.file, episode })
  const built = proposalToDoc(parsed.lines, { ...options, lineNumbers: parsed.lineNumbers })
  return { doc: built.doc, problems: [...parsed.problems, ...built.problems] }
}

/** Build the document for an episode's proposal lines (already parsed). Never throws; see docs/formats.md. */
export function proposalToDoc(lines: readonly RawProposalLine[], options: ProposalImportOptions = {}): DocImport {
  const log = importLog(options)
  const lineOf = (i: number) => ({ line: options.lineNumbers?.[i] ?? i + 1 })
  if (lines.length === 0) {
    log.error('empty-file', 'the proposal has no usable line; no document')
    return { doc: undefined, problems: log.problems }
  }
  const given = givenFrameCount(options, log)
  const lastEnd = Math.max(...lines.map((l) => l.task_end))
  const frameCount = given ?? lastEnd
  if (given === undefined) {
    log.warn('frame-count-unknown', `episode length not given; assumed ${frameCount} (the last task_end), so frames after it, if any, are missing (pass the frame count)`)
  }
  const successes = lines.map((line, index) => ({ line, index }))
    .filter((e): e is { line: RawProposalSuccess; index: number } => isRawSuccess(e.line) && e.line.task_start < frameCount)
    .sort((a, b) => a.line.task_start - b.line.task_start) // stable: file order breaks ties
  for (const [i, l] of lines.entries()) {
    if (l.task_end > frameCount) {
      log.error('frame-out-of-range', `task segment [${l.task_start}, ${l.task_end}) runs past the episode's ${frameCount} frames; cut at ${frameCount}`, lineOf(i))
    }
    if (isRawSuccess(l)) checkRawLine(l, { log, where: lineOf(i), frameCount })
    else log.warn('failed-generation', `the VLM's answer for frames [${l.task_start}, ${l.task_end}) could not be parsed; ProcVLM's flattener skips it (frames outside the task); kept verbatim`, lineOf(i))
  }
  reportTaskLayout(successes, log, lineOf)
  const primary = successes[0]
  const fps = resolveFps(options, log)
  const names = episodeNames(options)
  const otherLines = lines.flatMap((line, index) => (index === primary?.index ? [] : [{ index, line }]))
  const built = primary === undefined ? undefined : buildTask(primary.line, { end: Math.min(primary.line.task_end, frameCount), log, where: lineOf(primary.index) })
  const start = primary?.line.task_start ?? frameCount
  const end = built === undefined ? frameCount : Math.min(primary!.line.task_end, frameCount)
  const parts: { seg: Omit<Segment, 'id'>; memo?: Omit<StepMemo, 'start' | 'end'> }[] = []
  if (start > 0) parts.push({ seg: outside(0, Math.min(start, frameCount)) })
  if (built !== undefined) parts.push(...built.parts)
  if (end < frameCount) parts.push({ seg: outside(end, frameCount) })
  const offset = start > 0 ? 1 : 0
  const segments = numberSegments(parts.map((p) => p.seg))
  const steps: Record<string, StepMemo> = {}
  for (const [i, p] of parts.entries()) {
    const s = segments[i]!
    if (p.memo !== undefined) steps[s.id] = { ...p.memo, start: s.start, end: s.end }
  }
  const unplaced: UnplacedSubtask[] = (built?.unplaced ?? []).map((u) => {
    const anchor = u.after === undefined ? undefined : segments[u.after + offset]?.id
    return anchor === undefined ? { order: u.order, subtask: u.subtask } : { order: u.order, subtask: u.subtask, after: anchor }
  })
  const outcome: Outcome = built === undefined ? { kind: 'failed' } : built.outcome
  const doc: AnnotationDoc = {
    schemaVersion: SCHEMA_VERSION,
    ...names,
    task: primary?.line.results.task ?? '',
    frameCount,
    fps,
    segments,
    outcome,
    provenance: {
      sourceFormat: 'vlm-proposal',
      proposal: { segments: structuredClone(segments), outcome: structuredClone(outcome) },
      rawProposal: { lineIndex: primary?.index ?? 0, steps, unplaced, otherLines },
    },
  }
  if (options.file !== undefined) doc.provenance.sourceFile = options.file
  if (primary !== undefined) doc.provenance.taskIndex = primary.line.task_id
  const overall = primary?.line.results.overall_notes
  if (overall !== undefined) doc.provenance.overallNotes = overall
  return finishImport(doc, log)
}

function outside(start: number, end: number): Omit<Segment, 'id'> {
  return { start, end, kind: 'outside', label: '', notes: '', state: 'completed' }
}

function reportTaskLayout(successes: readonly { line: RawProposalSuccess; index: number }[], log: ProblemLog, lineOf: (i: number) => { line: number }): void {
  if (successes.length > 1) {
    const ranges = successes.map((e) => `[${e.line.task_start}, ${e.line.task_end})`).join(', ')
    log.warn('multi-task-episode', `${successes.length} task segments ${ranges}; ProcVLM's QA generation drops episodes with several tasks. The first is imported for editing; the others are kept verbatim for export and their frames are outside the task`)
  }
  for (let i = 1; i < successes.length; i++) {
    const prev = successes[i - 1]!.line
    const cur = successes[i]!
    if (cur.line.task_start < prev.task_end) {
      log.warn('overlapping-tasks', `task segment [${cur.line.task_start}, ${cur.line.task_end}) overlaps [${prev.task_start}, ${prev.task_end}); ProcVLM's flattened file then lists those frames twice`, lineOf(cur.index))
    }
  }
}

interface BuiltTask {
  /** Segments of the task range in order; `memo` for steps. */
  parts: { seg: Omit<Segment, 'id'>; memo?: Omit<StepMemo, 'start' | 'end'> }[]
  /** `after` is an index into `parts`. */
  unplaced: { order: number; subtask: RawSubtask; after?: number }[]
  outcome: Outcome
}

function memoOf(s: RawSubtask, order: number): Omit<StepMemo, 'start' | 'end'> {
  const memo: Omit<StepMemo, 'start' | 'end'> = { order, id: s.id, startFrame: s.start_frame, completeFrame: s.complete_frame }
  if (s.notes === undefined) memo.noNotes = true
  return memo
}

function step(start: number, end: number, s: RawSubtask, state: Segment['state']): Omit<Segment, 'id'> {
  return { start, end, kind: 'step', label: s.name, notes: s.notes ?? '', state }
}

/** The task range `[task_start, end)` of one success line, as `sub_task_json_to_flattened_list` reads it. */
function buildTask(line: RawProposalSuccess, ctx: { end: number; log: ProblemLog; where: { line: number } }): BuiltTask {
  const { end, log, where } = ctx
  const all = line.results.subtasks.map((s, order) => ({ s, order }))
  const parts: BuiltTask['parts'] = []
  const unplaced: BuiltTask['unplaced'] = []
  const completed = all.filter(({ s }) => s.start_frame !== null && s.complete_frame !== null)
    .sort((a, b) => a.s.complete_frame! - b.s.complete_frame!) // stable, as Python's sorted: list order breaks ties
  let cursor = line.task_start
  let lastTask: string | undefined
  for (const { s, order } of completed) {
    const stop = Math.min(end - 1, s.complete_frame!)
    lastTask = s.name
    if (stop > cursor) {
      parts.push({ seg: step(cursor, stop, s, 'completed'), memo: memoOf(s, order) })
      cursor = stop
    } else {
      unplaced.push(parts.length === 0 ? { order, subtask: s } : { order, subtask: s, after: parts.length - 1 })
      log.warn('empty-segment', `"${s.name}" (complete_frame ${s.complete_frame}) gets no frames in ProcVLM's flattening (it completes where the previous step ended, or before the task starts); kept off the timeline${lastTaskNote(completed, order)}`, where)
    }
  }
  const incomplete = all.filter(({ s }) => s.start_frame !== null && s.complete_frame === null)
    .sort((a, b) => a.s.start_frame! - b.s.start_frame!)
  const fit = Math.min(incomplete.length, end - cursor)
  for (let i = 0; i < fit; i++) {
    const { s, order } = incomplete[i]!
    const next = incomplete[i + 1]
    const stop = i === fit - 1 ? end : Math.min(end - (fit - 1 - i), Math.max(cursor + 1, next!.s.start_frame!))
    parts.push({ seg: step(cursor, stop, s, 'incomplete'), memo: memoOf(s, order) })
    cursor = stop
  }
  for (const { s, order } of incomplete.slice(fit)) {
    unplaced.push({ order, subtask: s })
    log.warn('unplaced-incomplete', `"${s.name}" was started but not completed, and the ${end - line.task_start}-frame task has no frame left for it; kept off the timeline`, where)
  }
  if (cursor < end) parts.push({ seg: { start: cursor, end, kind: 'tail', label: '', notes: '', state: 'completed' } })
  for (const { s, order } of all) {
    if (s.start_frame === null) unplaced.push({ order, subtask: s })
  }
  unplaced.sort((a, b) => a.order - b.order)
  const outcome: Outcome = proposalIsDone(line) ? { kind: 'done' } : lastTask !== undefined ? { kind: 'not-done', cutoff: DEFAULT_CUTOFF } : { kind: 'failed' }
  return { parts, unplaced, outcome }
}

function lastTaskNote(completed: readonly { order: number }[], order: number): string {
  return completed[completed.length - 1]?.order === order ? "; as the last completed sub-task it still names a not-done episode's tail" : ''
}
