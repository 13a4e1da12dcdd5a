/**
 * Edits as data: every change to an `AnnotationDoc` is one of these values, applied by the pure reducer
 * `applyEdit` (applyEdit.ts). Being plain data, edits can be logged, replayed, diffed and tested as tables.
 *
 * Segments are named by their stable `id`, except boundaries, which are named by position: boundary `i` is
 * the shared frame `segments[i].end === segments[i + 1].start` (0-based in the data, shown 1-based in labels).
 * Frames are integers and ranges half-open `[start, end)`, as everywhere in the core. Shares are fractions of
 * total progress in `(0, 1]`. The effect, rejections and budget behaviour of each edit: docs/edits.md.
 */
import type { AnnotationDoc, Outcome, Segment, SegmentKind, StepState } from './annotation'
import type { Frame } from './time'

/** Move boundary `boundary` to `frame`; both neighbours follow, and each keeps at least one frame. */
export interface MoveBoundaryEdit { type: 'moveBoundary'; boundary: number; frame: Frame }
/** Split a segment at `at` into `[start, at)` (keeps the id) and `[at, end)` (a new id). */
export interface SplitEdit { type: 'split'; segmentId: string; at: Frame }
/** Merge a segment with its next or previous neighbour; the named segment survives. */
export interface MergeEdit { type: 'merge'; segmentId: string; with: 'next' | 'previous' }
/** A new step on `[start, end)`, carved out of the one segment that contains the range. */
export interface InsertEdit { type: 'insert'; start: Frame; end: Frame; label: string }
/** Delete a segment; its frames go to a neighbour (`into`, default: see docs/edits.md). */
export interface DeleteEdit { type: 'delete'; segmentId: string; into?: 'next' | 'previous' }
/** A step's label. */
export interface RenameEdit { type: 'rename'; segmentId: string; label: string }
/** Any segment's free-text notes. */
export interface SetNotesEdit { type: 'setNotes'; segmentId: string; notes: string }
/** A step's state. */
export interface SetStateEdit { type: 'setState'; segmentId: string; state: StepState }
/** Turn a segment into a step, the tail or an outside range; `label` names a segment that becomes a step. */
export interface SetKindEdit { type: 'setKind'; segmentId: string; kind: SegmentKind; label?: string }
/** How the episode ended. */
export interface SetOutcomeEdit { type: 'setOutcome'; outcome: Outcome }
/** The success cutoff of a not-done episode, in `[0, 1]`. */
export interface SetCutoffEdit { type: 'setCutoff'; cutoff: number }
/** Give a named step exactly `share` of total progress (the other unlocked steps renormalise). */
export interface SetBudgetEdit { type: 'setBudget'; segmentId: string; share: number }
/** Pin a named step at its current share. */
export interface LockBudgetEdit { type: 'lockBudget'; segmentId: string }
/** Release a locked step, keeping its current share as a weight. */
export interface UnlockBudgetEdit { type: 'unlockBudget'; segmentId: string }
/** Remove a step's override: back to ProcVLM's default weight. */
export interface ResetBudgetEdit { type: 'resetBudget'; segmentId: string }
/** Restore the segments and outcome of `provenance.proposal`. */
export interface ResetToProposalEdit { type: 'resetToProposal' }

/** Every change a person (or an importer replaying a log) can make to a document. */
export type Edit =
  | MoveBoundaryEdit
  | SplitEdit
  | MergeEdit
  | InsertEdit
  | DeleteEdit
  | RenameEdit
  | SetNotesEdit
  | SetStateEdit
  | SetKindEdit
  | SetOutcomeEdit
  | SetCutoffEdit
  | SetBudgetEdit
  | LockBudgetEdit
  | UnlockBudgetEdit
  | ResetBudgetEdit
  | ResetToProposalEdit

/** What the reducer returns: the new document, or why the edit is impossible, in words a person can act on. */
export type EditResult = { ok: true; doc: AnnotationDoc } | { ok: false; reason: string }

/** How a segment is named in labels and reasons: its label in quotes for named steps, else what it is. */
export function describeSegment(segment: Segment, index: number): string {
  switch (segment.kind) {
    case 'step':
      return segment.label !== '' ? `"${segment.label}"` : `unnamed step ${index + 1}`
    case 'tail':
      return 'the tail'
    case 'outside':
      return `the outside range at frames ${segment.start}–${segment.end - 1}`
  }
}

function nameOf(id: string, doc: Pick<AnnotationDoc, 'segments'> | undefined): string {
  const index = doc?.segments.findIndex((s) => s.id === id) ?? -1
  const segment = doc?.segments[index]
  return segment === undefined ? `segment ${id}` : describeSegment(segment, index)
}

const KIND_NAMES: Record<SegmentKind, string> = { step: 'a step', tail: 'the tail', outside: 'an outside range' }

function outcomeText(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'done':
      return 'done'
    case 'not-done':
      return `not done (cutoff ${outcome.cutoff.toFixed(2)})`
    case 'failed':
      return 'failed'
  }
}

/**
 * The label the history shows for an edit ("Move boundary 3 to frame 120"). Pass the document the edit applies
 * to and segments are named by their labels; without it, by id.
 */
export function editLabel(edit: Edit, doc?: Pick<AnnotationDoc, 'segments'>): string {
  switch (edit.type) {
    case 'moveBoundary':
      return `Move boundary ${edit.boundary + 1} to frame ${edit.frame}`
    case 'split':
      return `Split ${nameOf(edit.segmentId, doc)} at frame ${edit.at}`
    case 'merge':
      return `Merge ${nameOf(edit.segmentId, doc)} with the ${edit.with} segment`
    case 'insert':
      return `Insert ${edit.label === '' ? 'a step' : `step "${edit.label}"`} at frames ${edit.start}–${edit.end - 1}`
    case 'delete':
      return `Delete ${nameOf(edit.segmentId, doc)}`
    case 'rename':
      return `Rename ${nameOf(edit.segmentId, doc)} to "${edit.label}"`
    case 'setNotes':
      return `Edit the notes of ${nameOf(edit.segmentId, doc)}`
    case 'setState':
      return `Mark ${nameOf(edit.segmentId, doc)} ${edit.state}`
    case 'setKind':
      return `Make ${nameOf(edit.segmentId, doc)} ${KIND_NAMES[edit.kind]}`
    case 'setOutcome':
      return `Set the outcome to ${outcomeText(edit.outcome)}`
    case 'setCutoff':
      return `Set the cutoff to ${edit.cutoff.toFixed(2)}`
    case 'setBudget':
      return `Set the budget of ${nameOf(edit.segmentId, doc)} to ${(edit.share * 100).toFixed(1)}%`
    case 'lockBudget':
      return `Lock the budget of ${nameOf(edit.segmentId, doc)}`
    case 'unlockBudget':
      return `Unlock the budget of ${nameOf(edit.segmentId, doc)}`
    case 'resetBudget':
      return `Reset the budget of ${nameOf(edit.segmentId, doc)}`
    case 'resetToProposal':
      return 'Reset to the proposal'
  }
}

/**
 * The key under which repeated edits coalesce into one history entry (keyboard nudges of one boundary, typing
 * in one budget field), or `undefined` for edits that always get their own entry. Pass it to `commit` in
 * history.ts together with the time of the key press.
 */
export function editCoalesceKey(edit: Edit): string | undefined {
  switch (edit.type) {
    case 'moveBoundary':
      return `moveBoundary:${edit.boundary}`
    case 'setBudget':
      return `setBudget:${edit.segmentId}`
    case 'setCutoff':
      return 'setCutoff'
    case 'rename':
    case 'setNotes':
      return `${edit.type}:${edit.segmentId}`
    case 'split':
    case 'merge':
    case 'insert':
    case 'delete':
    case 'setState':
    case 'setKind':
    case 'setOutcome':
    case 'lockBudget':
    case 'unlockBudget':
    case 'resetBudget':
    case 'resetToProposal':
      return undefined
  }
}
