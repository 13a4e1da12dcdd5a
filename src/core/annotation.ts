/**
 * The annotation document: one per episode, the only historic (undoable, autosaved, exported) state.
 *
 * ```text
 *  frames   0 ......................................................... frameCount
 *           [ outside? ][ step A ][ step B ][ step C (incomplete) ][ tail ][ outside? ]
 *                       ^ task start                               ^ last step ends    ^ task end
 * ```
 * Segments are half-open, sorted and contiguous, and together cover every frame of the episode exactly
 * once. `step` segments are subtasks; the `tail` holds the frames after the last step (labelled `done` or
 * `not done` in ProcVLM's files, depending on the outcome); `outside` frames belong to no task (`null` in
 * ProcVLM's flattened files). Everything else (progress, remaining actions, pixels) is derived.
 */
import type { RawProposalLine, RawSubtask } from './formats/procvlmTypes'
import type { Frame } from './time'

export const SCHEMA_VERSION = 1

export type SegmentKind = 'step' | 'tail' | 'outside'

/** A step's state, as the VLM reports it: a non-null `complete_frame` means completed. */
export type StepState = 'completed' | 'incomplete'

/**
 * A per-step budget override. `weight` replaces ProcVLM's default weight `clip(K*L/T, .75, 1.25)` and the
 * step still renormalises with the others; `locked` pins the step's share of total progress.
 */
export type BudgetOverride = { kind: 'weight'; weight: number } | { kind: 'locked'; share: number }

export interface Segment {
  /** Stable id, unique within the document; survives moves and renames (selection, budgets, diffs). */
  id: string
  start: Frame
  /** Exclusive. */
  end: Frame
  kind: SegmentKind
  /** The step's name as ProcVLM writes it (`Grasp the cup.`); empty for `tail` and `outside`. */
  label: string
  notes: string
  /** Meaningful for steps; `completed` for tail and outside. */
  state: StepState
  budget?: BudgetOverride
}

/**
 * How the episode ended.
 * - `done`: the task was finished; tail frames are `done` and progress reaches 1.
 * - `not-done`: failed after completing some steps; progress is scaled by `cutoff` (ProcVLM's one-shot
 *   annotator, default 0.75).
 * - `failed`: failed with no completed step; every task frame is `not done` and progress stays 0.
 */
export type Outcome = { kind: 'done' } | { kind: 'not-done'; cutoff: number } | { kind: 'failed' }

export const DEFAULT_CUTOFF = 0.75

/** Where a document came from, so that it can be reset, diffed and traced. */
export interface Provenance {
  /** The file the document was imported from, as given (path or URL). */
  sourceFile?: string
  sourceFormat?: 'vlm-proposal' | 'proccorpus-flat' | 'record' | 'generator' | 'empty'
  /** The proposal as first imported: what `resetToProposal` restores and what review diffs against. */
  proposal?: { segments: Segment[]; outcome: Outcome }
  /** Free text the VLM wrote about the whole episode (`results.overall_notes`). */
  overallNotes?: string
  /** Why the task finished, the CoT's second sentence in ProcVLM (used by ProcVQA finished answers). */
  finishReason?: string
  /** ProcVLM's `task_id` (LeRobot task_index) of the imported task segment. */
  taskIndex?: number
  /** What a raw proposal held beyond the segments, so that exporting an unedited document restores it. */
  rawProposal?: RawProposalMemo
}

/**
 * The raw proposal's details that the segment model has no place for (formats/proposalToDoc.ts,
 * docs/formats.md). Exports use them only while the segments they describe are unchanged.
 */
export interface RawProposalMemo {
  /** Position of the edited task segment's line among the file's lines. */
  lineIndex: number
  /** The sub-task each step came from, by segment id. */
  steps: Record<string, StepMemo>
  /** Sub-tasks with no frames on the timeline: absent, empty after flattening, or ignored by ProcVLM. */
  unplaced: UnplacedSubtask[]
  /** The file's other lines (failure lines, further task segments), verbatim, with their positions. */
  otherLines: { index: number; line: RawProposalLine }[]
}

/** One step's sub-task as the proposal wrote it. */
export interface StepMemo {
  /** Position in the proposal's `subtasks` list. */
  order: number
  id: number
  startFrame: number | null
  completeFrame: number | null
  /** The segment's frames at import: `startFrame` is written back while `start` is unchanged, `completeFrame` while `end` is. */
  start: Frame
  end: Frame
  /** The sub-task had no `notes` key. */
  noNotes?: true
}

/** A proposal sub-task that occupies no frames, kept verbatim. */
export interface UnplacedSubtask {
  order: number
  subtask: RawSubtask
  /**
   * For a completed sub-task that flattens to zero frames: the step whose end it shares. On export it follows
   * that step (still zero frames), and is dropped with a warning if that step no longer exists.
   */
  after?: string
}

export interface AnnotationDoc {
  schemaVersion: typeof SCHEMA_VERSION
  /** ProcVLM's `dataset_name`: the basename of the dataset root. */
  dataset: string
  /** ProcVLM's `episode_name`, e.g. `episode_000003` (other sources may use other names). */
  episode: string
  episodeIndex: number
  task: string
  frameCount: number
  fps: number
  segments: Segment[]
  outcome: Outcome
  provenance: Provenance
}

/**
 * A document for an episode that has no labels yet: one unnamed step over every frame, outcome done. The
 * annotator splits it (S), names the pieces, and turns the last into the tail; nothing carries a budget until
 * a step is named.
 */
export function emptyDoc(init: Pick<AnnotationDoc, 'dataset' | 'episode' | 'episodeIndex' | 'task' | 'frameCount' | 'fps'>): AnnotationDoc {
  return {
    schemaVersion: SCHEMA_VERSION, ...init,
    segments: [{ id: 's1', start: 0, end: init.frameCount, kind: 'step', label: '', notes: '', state: 'completed' }],
    outcome: { kind: 'done' },
    provenance: { sourceFormat: 'empty' },
  }
}

/** The steps of a document, in order. */
export function steps(doc: Pick<AnnotationDoc, 'segments'>): Segment[] {
  return doc.segments.filter((s) => s.kind === 'step')
}

/** Index of the segment containing `frame`, or -1 when out of range. Binary search: called per frame. */
export function segmentIndexAt(segments: readonly Segment[], frame: Frame): number {
  let lo = 0
  let hi = segments.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s = segments[mid]!
    if (frame < s.start) hi = mid - 1
    else if (frame >= s.end) lo = mid + 1
    else return mid
  }
  return -1
}

/**
 * Every violated invariant, as sentences; empty when the document is sound. The reducer keeps these true;
 * importers check them on what they build, and tests check them after random edit sequences.
 */
export function checkInvariants(doc: AnnotationDoc): string[] {
  const out: string[] = []
  if (!Number.isInteger(doc.frameCount) || doc.frameCount < 1) out.push(`frameCount ${doc.frameCount} is not a positive integer`)
  if (!(doc.fps > 0) || !Number.isFinite(doc.fps)) out.push(`fps ${doc.fps} is not a positive number`)
  const segs = doc.segments
  if (segs.length === 0) out.push('there are no segments')
  const ids = new Set<string>()
  let expectedStart = 0
  let tailSeen = false
  for (const [i, s] of segs.entries()) {
    const name = `segment ${i} (${s.id})`
    if (ids.has(s.id)) out.push(`${name}: duplicate id`)
    ids.add(s.id)
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end)) out.push(`${name}: non-integer frames`)
    if (s.start !== expectedStart) out.push(`${name}: starts at ${s.start}, expected ${expectedStart} (gap or overlap)`)
    if (s.end <= s.start) out.push(`${name}: empty or reversed [${s.start}, ${s.end})`)
    expectedStart = s.end
    if (s.kind === 'tail') {
      if (tailSeen) out.push(`${name}: a second tail`)
      tailSeen = true
    }
    if (s.kind === 'step' && tailSeen) out.push(`${name}: a step after the tail`)
    if (s.kind !== 'step' && s.budget !== undefined) out.push(`${name}: only steps carry budgets`)
    if (s.budget?.kind === 'locked' && !(s.budget.share >= 0 && s.budget.share <= 1)) out.push(`${name}: locked share out of [0, 1]`)
    if (s.budget?.kind === 'weight' && !(s.budget.weight > 0 && Number.isFinite(s.budget.weight))) out.push(`${name}: weight must be positive`)
  }
  if (segs.length > 0 && expectedStart !== doc.frameCount) out.push(`segments end at ${expectedStart}, the episode has ${doc.frameCount} frames`)
  const locked = segs.reduce((sum, s) => sum + (s.budget?.kind === 'locked' ? s.budget.share : 0), 0)
  if (locked > 1 + 1e-9) out.push(`locked budgets sum to ${locked.toFixed(4)} > 1`)
  if (doc.outcome.kind === 'not-done' && !(doc.outcome.cutoff >= 0 && doc.outcome.cutoff <= 1)) out.push(`cutoff ${doc.outcome.cutoff} is outside [0, 1]`)
  return out
}
