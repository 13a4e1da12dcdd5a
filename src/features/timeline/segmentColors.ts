import type { Outcome, Segment } from '@/core/annotation'

/** Step colours: distinct, readable on a dark background; a label keeps its colour across the episode. */
const PALETTE = ['#38bdf8', '#a78bfa', '#f472b6', '#fb923c', '#facc15', '#4ade80', '#2dd4bf', '#818cf8', '#f87171', '#c084fc']

function hash(s: string): number {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return h >>> 0
}

/** Colours by order of first appearance, so neighbours differ; repeated labels (a retry) share one. */
export function stepColors(segments: readonly Segment[]): Map<string, string> {
  const byLabel = new Map<string, string>()
  for (const s of segments) {
    if (s.kind !== 'step' || byLabel.has(s.label)) continue
    byLabel.set(s.label, PALETTE[byLabel.size % PALETTE.length] ?? PALETTE[hash(s.label) % PALETTE.length]!)
  }
  return byLabel
}

/** The fill of a non-step segment. */
export function tailStyle(outcome: Outcome): { color: string; label: string } {
  switch (outcome.kind) {
    case 'done':
      return { color: '#166534', label: 'done' }
    case 'not-done':
      return { color: '#7f1d1d', label: `not done · cutoff ${outcome.cutoff}` }
    case 'failed':
      return { color: '#7f1d1d', label: 'failed' }
  }
}
