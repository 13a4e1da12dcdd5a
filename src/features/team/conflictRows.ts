/**
 * The two versions of a conflict side by side, as rows a person can compare: each document's steps (name and
 * frames) and outcome, each marked when the other version has no step of that name over those frames.
 */
import type { AnnotationDoc, Outcome } from '@/core/annotation'

export interface ConflictRow {
  text: string
  frames: string
  /** The other version has no such step (name and frames). */
  differs: boolean
}

function outcomeText(o: Outcome): string {
  return o.kind === 'not-done' ? `not done (cutoff ${o.cutoff})` : o.kind === 'failed' ? 'failed' : 'done'
}

function rows(doc: AnnotationDoc): { key: string; text: string; frames: string }[] {
  return doc.segments.map((s) => {
    const text = s.kind === 'step' ? (s.label === '' ? '(unnamed step)' : s.label) : s.kind
    const frames = `${s.start}–${s.end - 1}`
    return { key: `${s.kind}|${s.label}|${s.start}|${s.end}`, text, frames }
  })
}

/** Rows of `doc` compared with `other`, then its outcome. */
export function conflictRows(doc: AnnotationDoc, other: AnnotationDoc | undefined): ConflictRow[] {
  const theirs = new Set(other === undefined ? [] : rows(other).map((r) => r.key))
  const steps = rows(doc).map((r) => ({ text: r.text, frames: r.frames, differs: !theirs.has(r.key) }))
  const outcome = outcomeText(doc.outcome)
  return [...steps, { text: `Outcome: ${outcome}`, frames: '', differs: other === undefined || outcomeText(other.outcome) !== outcome }]
}
