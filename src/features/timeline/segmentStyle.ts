/**
 * How a segment looks on the timeline, the overview and the budget bar: a step in its label's colour (solid when
 * completed, hatched when started but not completed); the tail green when done, red when not done or failed;
 * outside ranges (excluded from progress) grey and hatched. What it says comes from the core
 * (`segmentName`, `segmentStatus`), so every view words it alike.
 */
import type { Outcome, Segment } from '@/core/annotation'
import type { SegmentStatus } from '@/core/docLabels'
import { SEGMENT_STATUS_TEXT, segmentName, segmentStatus } from '@/core/docLabels'
import { tailColor } from './segmentColors'

export interface SegmentLook {
  color: string
  state: SegmentStatus
  /** What the block says. */
  text: string
  /** The state in words, for tooltips and screen readers. */
  stateText: string
}

export function segmentLook(segment: Segment, outcome: Outcome, colors: ReadonlyMap<string, string>): SegmentLook {
  const state = segmentStatus(segment, outcome)
  const color = segment.kind === 'step' ? (colors.get(segment.label) ?? '#71717a') : segment.kind === 'tail' ? tailColor(outcome) : '#3f3f46'
  return { color, state, text: segmentName(segment, outcome), stateText: SEGMENT_STATUS_TEXT[state] }
}

/** CSS background of a block: a translucent fill, hatched for unfinished and excluded segments. */
export function blockBackground(look: Pick<SegmentLook, 'color' | 'state'>): string {
  const fill = `${look.color}40`
  if (look.state === 'incomplete' || look.state === 'excluded') {
    return `repeating-linear-gradient(135deg, ${fill} 0 6px, ${look.color}18 6px 12px)`
  }
  return fill
}

const FILLER = new Set(['the', 'a', 'an', 'into', 'onto', 'in', 'on', 'to', 'of', 'with', 'from', 'and', 'at'])

/** A step name without articles, prepositions and the final stop: what a narrow block has room for. */
export function compactLabel(text: string): string {
  const words = text.replace(/[.!]+$/, '').split(/\s+/).filter((w) => w !== '')
  const kept = words.filter((w, i) => i === 0 || !FILLER.has(w.toLowerCase()))
  return kept.join(' ')
}
