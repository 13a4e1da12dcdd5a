/**
 * AnnotationDoc -> raw VLM proposal lines (procvlm-formats.md §2.3), the inverse of `proposalToDoc`: an
 * unedited imported document gives its file's lines back, and any document gives lines whose ProcVLM
 * flattening (`flattenProposal`) is the document's flattened export (`docToFlat` is built on this).
 *
 * One success line spans the first to the last non-`outside` frame. Each step becomes a sub-task:
 * - `complete_frame` = the step's end (completed) or `null` (incomplete); `start_frame` = the step's start.
 *   While a step's frames are unchanged since import, the proposal's own values are written instead (ProcVLM's
 *   frames can differ from the boundaries they produce: clamped complete frames, start frames anywhere);
 * - ids, notes and list order come from the proposal; new steps follow their predecessor in the list.
 * Sub-tasks kept off the timeline (absent, empty, dropped by ProcVLM) are written back in place, and the
 * file's other lines (failure lines, further task segments) at their positions.
 *
 * The outcome has to survive ProcVLM's rule (`proposalIsDone`), so the line is adjusted when the rule would
 * read it otherwise: `task not completed` is appended to `overall_notes` for a document that is not done;
 * for a done document, "not completed" is removed from `overall_notes` and unfinished sub-tasks are dropped
 * until fewer than half remain. Each adjustment is reported. A done document without a completed sub-task
 * cannot be done for ProcVLM (reported): no sub-task is invented.
 */
import type { AnnotationDoc, RawProposalMemo, Segment } from '../annotation'
import type { Problem } from '../problems'
import { ProblemLog } from '../problems'
import { proposalIsDone } from './flatten'
import type { RawProposalLine, RawProposalSuccess, RawSubtask } from './procvlmTypes'

/** The lines of the raw proposal file, and what could not be carried. */
export interface ProposalExport {
  lines: RawProposalLine[]
  problems: Problem[]
}

/** The phrase ProcVLM's prompt asks the VLM for when a task failed; its outcome rule looks for "not completed". */
export const NOT_COMPLETED_PHRASE = 'task not completed'

/** List position: `[proposal order, n]`, where new steps count n = 1, 2, ... after their predecessor. */
type Key = [number, number]

interface Entry {
  key: Key
  subtask: RawSubtask
  /** Timeline step (for dropping unfinished ones last-first), or undefined for an off-timeline sub-task. */
  step?: Segment
}

const byKey = (a: Entry, b: Entry) => (a.key[0] !== b.key[0] ? a.key[0] - b.key[0] : a.key[1] - b.key[1])
const unfinished = (s: RawSubtask) => s.start_frame === null || s.complete_frame === null

/** The raw proposal lines for `doc`. Never throws. */
export function docToProposal(doc: AnnotationDoc): ProposalExport {
  const log = new ProblemLog({ episode: doc.episode })
  const memo = doc.provenance.rawProposal
  const others = [...(memo?.otherLines ?? [])].sort((a, b) => a.index - b.index)
  const inside = doc.segments.filter((s) => s.kind !== 'outside')
  const first = inside[0]
  const last = inside[inside.length - 1]
  if (first === undefined || last === undefined) return { lines: others.map((o) => o.line), problems: log.problems }
  const ts = first.start
  const te = last.end
  const gaps = doc.segments.filter((s) => s.kind === 'outside' && s.start > ts && s.end < te)
  for (const g of gaps) {
    log.warn('outside-inside-task', `frames [${g.start}, ${g.end}) are outside the task but inside its range [${ts}, ${te}); ProcVLM's flattener labels them with the next step`)
  }
  const entries = stepEntries(doc, { ts, te, memo })
  entries.push(...unplacedEntries(doc, { ts, te, entries, log }))
  entries.sort(byKey)
  const line: RawProposalSuccess = {
    task_id: doc.provenance.taskIndex ?? 0,
    task_start: ts,
    task_end: te,
    results: { task: doc.task, subtasks: entries.map((e) => e.subtask) },
  }
  if (doc.provenance.overallNotes !== undefined) line.results.overall_notes = doc.provenance.overallNotes
  keepOutcome(doc, { line, entries, log })
  const lines = others.map((o) => o.line)
  lines.splice(Math.min(memo?.lineIndex ?? 0, lines.length), 0, line)
  return { lines, problems: log.problems }
}

function stepEntries(doc: AnnotationDoc, ctx: { ts: number; te: number; memo: RawProposalMemo | undefined }): Entry[] {
  const { te, memo } = ctx
  const ids = [...Object.values(memo?.steps ?? {}).map((m) => m.id), ...(memo?.unplaced ?? []).map((u) => u.subtask.id)]
  let nextId = Math.max(0, ...ids) + 1
  let base = -1
  let added = 0
  const out: Entry[] = []
  for (const seg of doc.segments) {
    if (seg.kind !== 'step') continue
    const m = memo?.steps[seg.id]
    const effectiveEnd = Math.min(te - 1, seg.end)
    let completeFrame: number | null = null
    if (seg.state === 'completed') {
      completeFrame = m !== undefined && m.completeFrame !== null && Math.min(te - 1, m.completeFrame) === effectiveEnd ? m.completeFrame : effectiveEnd
    }
    const startFrame = m !== undefined && m.startFrame !== null && m.start === seg.start ? m.startFrame : seg.start
    const subtask: RawSubtask = { id: m?.id ?? nextId++, name: seg.label, start_frame: startFrame, complete_frame: completeFrame }
    if (seg.notes !== '' || (m !== undefined && m.noNotes !== true)) subtask.notes = seg.notes
    let key: Key
    if (m === undefined) {
      added++
      key = [base, added]
    } else {
      base = m.order
      added = 0
      key = [m.order, 0]
    }
    out.push({ key, subtask, step: seg })
  }
  return out
}

function unplacedEntries(doc: AnnotationDoc, ctx: { ts: number; te: number; entries: readonly Entry[]; log: ProblemLog }): Entry[] {
  const { ts, te, entries, log } = ctx
  const out: Entry[] = []
  for (const u of doc.provenance.rawProposal?.unplaced ?? []) {
    const s = u.subtask
    if (unfinished(s)) {
      out.push({ key: [u.order, 0], subtask: s })
      continue
    }
    if (u.after === undefined) {
      // Empty because it completes at or before the task start: keep it there.
      const stillEmpty = Math.min(te - 1, s.complete_frame!) <= ts
      out.push({ key: [u.order, 0], subtask: stillEmpty ? s : { ...s, start_frame: Math.min(s.start_frame!, ts), complete_frame: ts } })
      continue
    }
    const anchor = entries.find((e) => e.step?.id === u.after)
    const anchorCf = anchor?.subtask.complete_frame
    if (anchor === undefined || anchorCf === null || anchorCf === undefined) {
      log.warn('dropped-subtask', `"${s.name}" completed where step ${u.after} ended, which is no longer a completed step; it had no frames and is left out of the proposal`)
      continue
    }
    const same = Math.min(te - 1, s.complete_frame!) === Math.min(te - 1, anchorCf)
    const subtask = same ? s : { ...s, start_frame: Math.min(s.start_frame!, anchorCf), complete_frame: anchorCf }
    // The flattener must still sort it after its anchor (by complete frame, then list position), or it would
    // take the anchor's frames: keep its own list position when that holds, else list it right after the anchor.
    const sortsAfter = subtask.complete_frame! > anchorCf || (anchor.key[1] === 0 && anchor.key[0] < u.order)
    const key: Key = sortsAfter ? [u.order, 0] : [anchor.key[0], anchor.key[1] + 0.5]
    out.push({ key, subtask })
  }
  return out
}

/** Adjust `line` so that ProcVLM's outcome rule reads the document's outcome (module comment). */
function keepOutcome(doc: AnnotationDoc, ctx: { line: RawProposalSuccess; entries: Entry[]; log: ProblemLog }): void {
  const { line, entries, log } = ctx
  const results = line.results
  const wantDone = doc.outcome.kind === 'done'
  if (!wantDone) {
    if (proposalIsDone(line)) {
      const notes = results.overall_notes ?? ''
      results.overall_notes = notes === '' ? NOT_COMPLETED_PHRASE : `${notes.trimEnd()} ${NOT_COMPLETED_PHRASE}`
    }
    if (doc.outcome.kind === 'failed' && results.subtasks.some((s) => !unfinished(s))) {
      log.warn('failed-with-steps', 'the outcome is failed but some steps are completed; ProcVLM labels the tail with the last completed step, not "not done"')
    }
    return
  }
  if (proposalIsDone(line)) return
  const notes = results.overall_notes
  if (notes !== undefined && notes.toLowerCase().includes('not completed')) {
    results.overall_notes = notes.replace(/not completed/gi, 'completed')
    log.warn('outcome-forced', `overall_notes says "not completed" but the outcome is done; written as "${results.overall_notes}" so that ProcVLM reads it as done`)
  }
  if (!results.subtasks.some((s) => !unfinished(s))) {
    log.warn('done-unreachable', 'the outcome is done but no sub-task is completed; ProcVLM reads such a task as not done, so every task frame is exported as "not done"')
    return
  }
  const dropped: string[] = []
  // Off-timeline sub-tasks go first, then incomplete steps, each from the end of the list.
  const offTimeline = entries.filter((e) => e.step === undefined && unfinished(e.subtask)).reverse()
  const incomplete = entries.filter((e) => e.step !== undefined && unfinished(e.subtask)).reverse()
  const queue = [...offTimeline, ...incomplete]
  while (!proposalIsDone(line) && queue.length > 0) {
    const victim = queue.shift()!
    results.subtasks.splice(results.subtasks.indexOf(victim.subtask), 1)
    dropped.push(`"${victim.subtask.name}"`)
  }
  if (dropped.length > 0) {
    log.warn('outcome-forced', `the outcome is done but ProcVLM counts a task with at least half its sub-tasks unfinished as not done; left out ${dropped.join(', ')}`)
  }
}
