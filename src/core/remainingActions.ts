/**
 * Per-frame derived fields that ProcVLM computes when it reads the labels (procvlm-formats.md §2.6): the
 * remaining actions ("planned actions", the list family (c) answers start with), the completion state, and
 * the finished flag.
 *
 * ProcVLM has two slightly different remaining-action rules, both reproduced:
 * - `data-picker` (`evqa/tools/data_picker.py`, the large-scale pipeline): walk the frames backwards, restart
 *   where the task text changes, and prepend a label unless it is exactly `done`, `not done` or `''`, or is
 *   already in the list. `null` is *not* filtered, and neither are `Done` or `done.`;
 * - `one-shot` (`evqa/one-shot/annotator.py`): the same walk over one task, skipping labels whose lower case is
 *   `done` or `not done` (an empty label is kept; `null` cannot occur there and is skipped).
 *
 * Both keep only the *last* occurrence of a repeated name: with steps A, B, A the frames of the first A get
 * `[B, A]` instead of `[A, B, A]`. The `fix` option lists one entry per remaining run instead, and drops
 * every label ProcVLM's progress rule considers invalid (null, empty, done / not done in any case).
 */
import type { AnnotationDoc } from './annotation'
import { isValidLabel } from './budgets'

/** Which ProcVLM code path's remaining-action rule to reproduce. */
export type RemainingActionsRule = 'data-picker' | 'one-shot'

export interface RemainingActionsOptions {
  /** Default `data-picker`. */
  rule?: RemainingActionsRule
  /**
   * Default false: reproduce ProcVLM, bugs included. True: one entry per remaining run, so a repeated step
   * name keeps its place (ProcVLM drops the current occurrence), and null, empty and done / not-done labels
   * in any case are never listed (ProcVLM's data picker lists `null`, `Done` and `done.`). Exported lists then
   * differ from what ProcVLM would regenerate from the same labels, which is why it is not the default.
   */
  fix?: boolean
}

export interface RemainingActionsInput {
  labels: readonly (string | null)[]
  /**
   * Per-frame task text. The `data-picker` rule and the fix restart the list where it changes (ProcVLM's
   * padded frames have task `null`); omitted means one task. The `one-shot` rule ignores it.
   */
  tasks?: readonly (string | null)[]
}

/** One frame's remaining actions, current step first. Frames with equal lists share one array. */
export type RemainingActions = readonly (string | null)[]

const DATA_PICKER_SKIP = new Set<string | null>(['done', 'not done', ''])
const ONE_SHOT_SKIP = new Set(['done', 'not done'])

function skipped(label: string | null, rule: RemainingActionsRule): boolean {
  if (rule === 'data-picker') return DATA_PICKER_SKIP.has(label)
  return label === null || ONE_SHOT_SKIP.has(label.toLowerCase())
}

/** The remaining actions of every frame (see the module comment for the rules). */
export function remainingActions(input: RemainingActionsInput, options: RemainingActionsOptions = {}): RemainingActions[] {
  const rule = options.rule ?? 'data-picker'
  const { labels } = input
  const tasks = rule === 'one-shot' && options.fix !== true ? undefined : input.tasks
  const n = labels.length
  const out = new Array<RemainingActions>(n)
  let list: (string | null)[] = []
  let seen = new Set<string | null>()
  for (let i = n - 1; i >= 0; i--) {
    const label = labels[i] ?? null
    const taskChanged = tasks !== undefined && i < n - 1 && tasks[i] !== tasks[i + 1]
    if (taskChanged) {
      list = []
      seen = new Set()
    }
    if (options.fix === true) {
      const runEndsHere = i === n - 1 || taskChanged || labels[i + 1] !== label
      if (runEndsHere && isValidLabel(label)) list = [label, ...list]
    } else if (!skipped(label, rule) && !seen.has(label)) {
      seen.add(label)
      list = [label, ...list]
    }
    out[i] = list
  }
  return out
}

/**
 * Where a frame stands in the task: inside a step, in a `done` tail, in a `not done` tail (a failed
 * episode), or outside the task (ProcVLM's padded `null` frames).
 */
export type CompletionState = 'in-step' | 'done' | 'not-done' | 'outside'

/**
 * The completion state a label shows: a valid label is `in-step`; `done` / `done.` (any case) `done`;
 * `not done` / `not done.` `not-done`; `null` or empty `outside`. A failed episode flattened by ProcVLM
 * repeats its last step's name on the tail, so its tail reads as `in-step` here: only the annotation
 * document knows better (see `docCompletionStates`).
 */
export function completionStateOf(label: string | null): CompletionState {
  if (label === null || label === '') return 'outside'
  const lower = label.toLowerCase()
  if (lower === 'done' || lower === 'done.') return 'done'
  return lower === 'not done' || lower === 'not done.' ? 'not-done' : 'in-step'
}

/** {@link completionStateOf} for every frame. */
export function completionStates(labels: readonly (string | null)[]): CompletionState[] {
  return labels.map((l) => completionStateOf(l ?? null))
}

/**
 * Whether per-frame labels show an episode that did not succeed: no frame is `done`, or the last labelled
 * frame is `not done` (ProcVLM's failed tails are `not done`, or repeat the last step's name). This is when
 * the one-shot annotator's success cutoff applies.
 */
export function labelsShowNotDone(labels: readonly (string | null)[]): boolean {
  let sawDone = false
  let last: CompletionState = 'outside'
  for (const l of labels) {
    const state = completionStateOf(l ?? null)
    if (state === 'done') sawDone = true
    if (state !== 'outside') last = state
  }
  return !sawDone || last === 'not-done'
}

/**
 * The completion state of every frame of a document, from its segments and outcome: steps are `in-step`
 * (whatever their label), the tail `done` or `not-done` by outcome, outside frames `outside`.
 */
export function docCompletionStates(doc: Pick<AnnotationDoc, 'segments' | 'outcome' | 'frameCount'>): CompletionState[] {
  const out = new Array<CompletionState>(doc.frameCount).fill('outside')
  const tail: CompletionState = doc.outcome.kind === 'done' ? 'done' : 'not-done'
  for (const s of doc.segments) out.fill(s.kind === 'step' ? 'in-step' : s.kind === 'tail' ? tail : 'outside', s.start, s.end)
  return out
}

/** The first frame whose progress is >= 1 (ProcVLM's "finished"), or -1 when none is. */
export function firstFinishedFrame(progress: ArrayLike<number>): number {
  for (let i = 0; i < progress.length; i++) if (progress[i]! >= 1) return i
  return -1
}
