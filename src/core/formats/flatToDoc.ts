/**
 * Flattened ProcCorpus file (procvlm-formats.md §2.5) -> AnnotationDoc. The file holds only label runs, so
 * the document is read back from them:
 * - the task is the first block of frames with a label (one `task` text, no `null` in between);
 * - a final `done` run is the tail of a done episode; a final `not done` run is the tail of a failed one;
 * - otherwise the episode is not done, and the last run is a step: ProcVLM merges a failed episode's tail into
 *   its last completed step (§2.4 ⚠), so the failure point cannot be recovered (reported);
 * - every other run is a completed step (flat files have no incomplete steps, notes, ids or start frames);
 * - `null` frames are outside.
 * A task that is `done` from its first frame keeps the zero-frame sub-task ProcVLM needs to write that in the memo.
 * Further task blocks (multi-task episodes) are kept as equivalent raw proposal lines in
 * `provenance.rawProposal.otherLines`, so the flat export writes them back unchanged; their frames are outside.
 */
import type { AnnotationDoc, Outcome, Segment, UnplacedSubtask } from '../annotation'
import { DEFAULT_CUTOFF, SCHEMA_VERSION } from '../annotation'
import type { ProblemLog } from '../problems'
import type { DocImport, ImportOptions } from './importOptions'
import { episodeNames, finishImport, givenFrameCount, importLog, numberSegments, resolveFps } from './importOptions'
import { parseProcCorpusRows } from './procCorpus'
import type { FlatRow } from './procCorpus'
import type { RawProposalSuccess } from './procvlmTypes'

/** A maximal run of labelled frames with one task text. */
interface Block {
  task: string
  start: number
  end: number
  runs: { label: string; start: number; end: number }[]
}

const DONE = 'done'
const NOT_DONE = 'not done'

/** Read a flattened file and build its document: `parseProcCorpusRows` then `flatToDoc`. */
export function importProcCorpus(text: string, options: ImportOptions = {}): DocImport {
  const log = importLog(options)
  const rows = parseProcCorpusRows(text, log)
  const built = flatToDoc(rows, options)
  return { doc: built.doc, problems: [...log.problems, ...built.problems] }
}

/** Build the document for an episode's flattened frames (with their file lines). Never throws. */
export function flatToDoc(rows: readonly FlatRow[], options: ImportOptions = {}): DocImport {
  const log = importLog(options)
  if (rows.length === 0) {
    log.error('empty-file', 'the flattened file has no usable line; no document')
    return { doc: undefined, problems: log.problems }
  }
  const given = givenFrameCount(options, log)
  const frameCount = given ?? inferredFrameCount(rows)
  const labels = frameLabels(rows, frameCount, log)
  const blocks = toBlocks(labels)
  const primary = blocks[0]
  if (blocks.length > 1) {
    const ranges = blocks.map((b) => `[${b.start}, ${b.end})`).join(', ')
    log.warn('multi-task-episode', `${blocks.length} task blocks ${ranges} (a change of task text, or null frames between labelled ones); ProcVLM's QA generation drops episodes with several tasks. The first is imported for editing; the others are kept for export and their frames are outside the task`)
  }
  const names = episodeNames(options)
  const fps = resolveFps(options, log)
  const parts: Omit<Segment, 'id'>[] = []
  const outside = (start: number, end: number) => parts.push({ start, end, kind: 'outside', label: '', notes: '', state: 'completed' })
  let outcome: Outcome = { kind: 'failed' }
  if (primary === undefined) {
    outside(0, frameCount)
  } else {
    if (primary.start > 0) outside(0, primary.start)
    outcome = blockSegments(primary, parts, log)
    if (primary.end < frameCount) outside(primary.end, frameCount)
  }
  const segments = numberSegments(parts)
  const doc: AnnotationDoc = {
    schemaVersion: SCHEMA_VERSION,
    ...names,
    task: primary?.task ?? '',
    frameCount,
    fps,
    segments,
    outcome,
    provenance: { sourceFormat: 'proccorpus-flat', proposal: { segments: structuredClone(segments), outcome: structuredClone(outcome) } },
  }
  if (options.file !== undefined) doc.provenance.sourceFile = options.file
  const unplaced = primary === undefined ? [] : doneFromStart(primary)
  if (blocks.length > 1 || unplaced.length > 0) {
    const otherLines = blocks.slice(1).map((b, i) => ({ index: i + 1, line: blockToRawLine(b, log) }))
    doc.provenance.rawProposal = { lineIndex: 0, steps: {}, unplaced, otherLines }
  }
  return finishImport(doc, log)
}

/**
 * The last frame id + 1, leaving out ids far beyond the file's length: a flattened file lists every frame, so one
 * `frame_id` of 1e15 among 60 lines is a damaged line (reported as out of range), not a 1e15-frame episode to
 * allocate.
 */
function inferredFrameCount(rows: readonly FlatRow[]): number {
  const plausible = rows.length * 2 + 100_000
  return rows.reduce((max, r) => (r.frame.frame_id < plausible ? Math.max(max, r.frame.frame_id) : max), 0) + 1
}

type Label = { task: string; sub: string } | null

/** One label per frame (`null` outside), reporting frames out of range, duplicated, missing or half-labelled. */
function frameLabels(rows: readonly FlatRow[], frameCount: number, log: ProblemLog): Label[] {
  const labels: (Label | undefined)[] = new Array<Label | undefined>(frameCount).fill(undefined)
  const duplicates: number[] = []
  for (const { frame: f, line } of rows) {
    if (f.frame_id >= frameCount) {
      log.error('frame-out-of-range', `frame_id ${f.frame_id} is outside the episode's frames 0-${frameCount - 1}; skipped`, { line })
      continue
    }
    if (labels[f.frame_id] !== undefined) duplicates.push(f.frame_id)
    if (f.sub_task === null) {
      if (f.task !== null) log.warn('unreachable-flat', `frame ${f.frame_id} has a task but a null sub_task, which ProcVLM never writes; read as outside`, { line })
      labels[f.frame_id] = null
      continue
    }
    if (f.task === null) log.warn('unreachable-flat', `frame ${f.frame_id} has sub_task "${f.sub_task}" but a null task, which ProcVLM never writes; read with task ""`, { line })
    labels[f.frame_id] = { task: f.task ?? '', sub: f.sub_task }
  }
  if (duplicates.length > 0) {
    log.warn('duplicate-frame', `${duplicates.length} frame(s) listed more than once (${frameList(duplicates)}); the last line wins, as in ProcVLM's loader`)
  }
  const missing = labels.flatMap((l, i) => (l === undefined ? [i] : []))
  if (missing.length > 0) {
    log.warn('missing-frame', `${missing.length} of ${frameCount} frames missing (${frameList(missing)}); read as outside (null), as ProcVLM's loader reads them`)
  }
  return labels.map((l) => l ?? null)
}

function frameList(frames: readonly number[]): string {
  return frames.slice(0, 5).join(', ') + (frames.length > 5 ? ', ...' : '')
}

function toBlocks(labels: readonly Label[]): Block[] {
  const blocks: Block[] = []
  let current: Block | undefined
  for (const [f, l] of labels.entries()) {
    if (l === null) {
      current = undefined
      continue
    }
    if (current === undefined || current.task !== l.task) {
      current = { task: l.task, start: f, end: f, runs: [] }
      blocks.push(current)
    }
    const run = current.runs[current.runs.length - 1]
    if (run !== undefined && run.label === l.sub) run.end = f + 1
    else current.runs.push({ label: l.sub, start: f, end: f + 1 })
    current.end = f + 1
  }
  return blocks
}

/** Push the block's steps and tail; return the outcome its last run implies. */
function blockSegments(block: Block, parts: Omit<Segment, 'id'>[], log: ProblemLog): Outcome {
  const last = block.runs[block.runs.length - 1]!
  const hasTail = last.label === DONE || last.label === NOT_DONE
  const steps = hasTail ? block.runs.slice(0, -1) : block.runs
  for (const r of steps) parts.push({ start: r.start, end: r.end, kind: 'step', label: r.label, notes: '', state: 'completed' })
  if (hasTail) parts.push({ start: last.start, end: last.end, kind: 'tail', label: '', notes: '', state: 'completed' })
  if (last.label === DONE) return { kind: 'done' }
  if (last.label === NOT_DONE) {
    if (steps.length > 0) log.warn('unreachable-flat', `"not done" follows ${steps.length} step(s); ProcVLM writes "not done" only when no sub-task was completed, and exports this tail with the last step's name`)
    return { kind: 'failed' }
  }
  log.warn('failure-point-lost', `the task does not end in "done", so the episode is read as not done; ProcVLM merges a failed episode's tail into its last completed step, so the failure point inside "${last.label}" [${last.start}, ${last.end}) cannot be recovered from this file`)
  return { kind: 'not-done', cutoff: DEFAULT_CUTOFF }
}

/**
 * A task that is `done` from its first frame: ProcVLM writes that when every completed sub-task completes at or
 * before the task start, so they get no frames. No step can hold that; a zero-frame sub-task in the memo (named
 * after the task) keeps the export done.
 */
function doneFromStart(block: Block): UnplacedSubtask[] {
  if (block.runs.length !== 1 || block.runs[0]!.label !== DONE) return []
  return [{ order: 0, subtask: { id: 1, name: block.task, start_frame: block.start, complete_frame: block.start } }]
}

/** A raw proposal line whose ProcVLM flattening gives the block's labels back (when ProcVLM could write them). */
function blockToRawLine(block: Block, log: ProblemLog): RawProposalSuccess {
  const last = block.runs[block.runs.length - 1]!
  const hasTail = last.label === DONE || last.label === NOT_DONE
  const steps = hasTail ? block.runs.slice(0, -1) : block.runs
  const line: RawProposalSuccess = {
    task_id: 0,
    task_start: block.start,
    task_end: block.end,
    results: {
      task: block.task,
      subtasks: steps.map((r, i) => ({ id: i + 1, name: r.label, start_frame: r.start, complete_frame: r.end })),
    },
  }
  if (last.label !== DONE) line.results.overall_notes = 'task not completed'
  line.results.subtasks.push(...doneFromStart(block).map((u) => u.subtask))
  if (last.label === NOT_DONE && steps.length > 0) {
    log.warn('unreachable-flat', `task block [${block.start}, ${block.end}) ends in "${last.label}" in a way ProcVLM never writes; its export will differ`)
  }
  return line
}
