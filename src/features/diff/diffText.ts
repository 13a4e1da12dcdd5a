/**
 * The words the Changes list and the proposal track use for a diff: one line per item, short enough for the
 * inspector's width, with the frame shift as its own token (`+3 f`) so it can be shown as a badge.
 */
import type { BudgetOverride, Outcome, StepState } from '@/core/annotation'
import type { DiffItem, SegmentRef, TargetChange } from '@/core/docDiff'

/** A step's name in quotes; `unnamed step` for an empty label. */
export function quoted(label: string): string {
  return label === '' ? 'unnamed step' : `“${label}”`
}

/** Another segment: a step quoted as steps are, the tail and excluded frames by what they are (`done`). */
function refText(ref: SegmentRef): string {
  return ref.kind === 'step' ? quoted(ref.name) : ref.name
}

/** A frame shift: `+3 f`, `−12 f` (a true minus sign, so it reads as a number). */
export function shiftText(delta: number): string {
  return `${delta > 0 ? '+' : '−'}${Math.abs(delta)} f`
}

/** Frames `[start, end)` as people count them: `frames 30–59`, or `frame 30`. */
export function framesText(start: number, end: number): string {
  return end - start === 1 ? `frame ${start}` : `frames ${start}–${end - 1}`
}

function outcomeText(o: Outcome): string {
  return o.kind === 'done' ? 'done' : o.kind === 'failed' ? 'failed' : `not done (cutoff ${o.cutoff})`
}

function stateText(s: StepState): string {
  return s === 'completed' ? 'completed' : 'started, not completed'
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`

function overrideText(o: BudgetOverride | undefined): string {
  if (o === undefined) return 'formula'
  return o.kind === 'locked' ? `locked ${pct(o.share)}` : `weight ${o.weight.toFixed(2)}`
}

/** One item as a line: `text`, the frame shift badge for a boundary, and a longer tooltip. */
export interface ItemText {
  text: string
  shift?: string
  title: string
}

export function itemText(item: DiffItem): ItemText {
  switch (item.kind) {
    case 'outcome':
      return { text: `Outcome ${outcomeText(item.from)} → ${outcomeText(item.to)}`, title: 'The proposal\'s outcome, and the corrected one' }
    case 'boundary': {
      const here = quoted(item.label)
      const there = item.neighbour === undefined ? undefined : refText(item.neighbour)
      const pair = there === undefined ? here : item.edge === 'end' ? `${here} | ${there}` : `${there} | ${here}`
      return {
        text: `${pair}: ${item.from} → ${item.to}`,
        shift: shiftText(item.delta),
        title: `The boundary ${item.edge === 'end' ? `where ${here} ends` : `where ${here} starts`} moved from frame ${item.from} (the proposal) to frame ${item.to}`,
      }
    }
    case 'added':
      return {
        text: `Added ${quoted(item.step.label)}, ${framesText(item.step.start, item.step.end)}${item.within === undefined ? '' : `, were ${refText(item.within)}`}`,
        title: `A step the proposal does not have${item.within === undefined ? '' : `; the proposal gave most of its frames to ${refText(item.within)}`}`,
      }
    case 'removed':
      return {
        text: `Removed ${quoted(item.step.label)}, ${framesText(item.step.start, item.step.end)}${item.into === undefined ? '' : `, now ${refText(item.into)}`}`,
        title: `A step of the proposal that the correction no longer has${item.into === undefined ? '' : `; most of its frames are now ${refText(item.into)}`}`,
      }
    case 'renamed':
      return { text: `Renamed ${quoted(item.from)} → ${quoted(item.to)}`, title: 'The same step (matched by its id), with a new name' }
    case 'state':
      return { text: `${quoted(item.label)}: ${stateText(item.from)} → ${stateText(item.to)}`, title: 'Whether the step was completed' }
    case 'region': {
      const name = (k: typeof item.from) => (k === 'tail' ? 'tail' : 'excluded')
      return { text: `${framesText(item.start, item.end)}: ${name(item.from)} → ${name(item.to)}`, title: 'Frames outside the steps that changed kind' }
    }
    case 'budget':
      return {
        text: `Budget ${quoted(item.label)}: ${pct(item.shareBefore)} → ${pct(item.shareAfter)}`,
        title: item.overrideChanged
          ? `Override ${overrideText(item.overrideBefore)} → ${overrideText(item.overrideAfter)}`
          : 'No override changed: the steps\' new lengths change ProcVLM\'s weights clip(K·L/T, 0.75, 1.25)',
      }
  }
}

/** A difference of two progress values, in percentage points: `4.1 pts`. */
export function pointsText(d: number): string {
  return `${(d * 100).toFixed(1)} pts`
}

/** The target's change in one line: `max |Δ| 4.1 pts at frame 120 · mean 1.2 pts`, or that it did not move. */
export function targetText(change: TargetChange): string {
  if (change.maxAbs < 0.0005) return 'the target is the proposal\'s'
  return `max |Δ| ${pointsText(change.maxAbs)} at frame ${change.maxFrame} · mean ${pointsText(change.meanAbs)}`
}
