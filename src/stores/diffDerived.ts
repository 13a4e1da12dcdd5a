/**
 * The open document's changes against its VLM proposal (`core/docDiff.ts`), derived, never stored. Memoised on
 * the document's identity (and the similarities, for the target's change), so the proposal track, the Changes list
 * and the chart's marks share one diff per edit, and moving the playhead costs nothing.
 */
import type { AnnotationDoc } from '@/core/annotation'
import type { DocDiff, TargetChange } from '@/core/docDiff'
import { diffDocs, targetChange } from '@/core/docDiff'
import { memoByObject, proposalProgress, targetProgress } from './annotationDerived'

const structural = memoByObject((doc: AnnotationDoc, _: undefined): DocDiff | undefined => {
  const proposal = doc.provenance.proposal
  return proposal === undefined ? undefined : diffDocs(proposal, doc)
})

/** The steps' changes (no target): undefined when the document has no stored proposal (a record, an empty start). */
export function docDiff(doc: AnnotationDoc): DocDiff | undefined {
  return structural(doc, undefined)
}

const targetOf = memoByObject((doc: AnnotationDoc, similarities: ArrayLike<number> | undefined): TargetChange | undefined => {
  const proposal = proposalProgress(doc, similarities)
  return proposal === undefined ? undefined : targetChange(proposal.progress, targetProgress(doc, similarities).progress)
})

/**
 * How far the target moved from the proposal's (largest and mean |Δ|), with the similarities the chart uses
 * (until they arrive, both targets spread budgets by time alone). Undefined without a stored proposal.
 */
export function targetChangeOf(doc: AnnotationDoc, similarities: ArrayLike<number> | undefined): TargetChange | undefined {
  return targetOf(doc, similarities)
}
