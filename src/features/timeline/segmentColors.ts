import { useMemo } from 'react'
import type { Outcome, Segment } from '@/core/annotation'
import { useAnnotation } from '@/stores/annotationStore'
import type { AnnotationState } from '@/stores/annotationStore'

/** Step colours: distinct, readable on a dark background; a label keeps its colour across the episode. */
const PALETTE = ['#38bdf8', '#a78bfa', '#f472b6', '#fb923c', '#facc15', '#4ade80', '#2dd4bf', '#818cf8', '#f87171', '#c084fc']

/** Colours by order of first appearance, so neighbours differ; repeated labels (a retry) share one. */
export function stepColors(segments: readonly Pick<Segment, 'kind' | 'label'>[]): Map<string, string> {
  const byLabel = new Map<string, string>()
  for (const s of segments) {
    if (s.kind !== 'step' || byLabel.has(s.label)) continue
    byLabel.set(s.label, PALETTE[byLabel.size % PALETTE.length]!)
  }
  return byLabel
}

const SEPARATOR = '\u0000'

// The step names in order, as one string: equal while a drag moves boundaries, so the colours stay the same map.
function selectStepNames(s: AnnotationState): string {
  return (s.history?.present.segments ?? []).flatMap((x) => (x.kind === 'step' ? [x.label] : [])).join(SEPARATOR)
}

/** The open document's step colours; a new map only when a name changes, not on every edit. */
export function useStepColors(): ReadonlyMap<string, string> {
  const names = useAnnotation(selectStepNames)
  return useMemo(() => stepColors(names === '' ? [] : names.split(SEPARATOR).map((label) => ({ kind: 'step' as const, label }))), [names])
}

/** The fill of the tail: green when the task was done, red otherwise. */
export function tailColor(outcome: Outcome): string {
  return outcome.kind === 'done' ? '#166534' : '#7f1d1d'
}
