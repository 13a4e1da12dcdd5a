/**
 * AnnotationDoc -> the flattened ProcCorpus file (procvlm-formats.md §2.5): exactly what ProcVLM's own
 * flattener writes for the document's raw proposal, because that is how it is computed
 * (`flattenProposal(docToProposal(doc))`), so the raw and the flat exporters can never disagree.
 * Lower-case `done` / `not done` tails, `null` for frames outside any task.
 *
 * What the flat format cannot carry is reported as warnings: budget overrides, the not-done cutoff, notes,
 * incomplete steps (their frames take the next completed step's label, or the tail's), a done task's last
 * frame (ProcVLM always labels it `done`), and what `docToProposal` had to change to keep the outcome.
 */
import type { AnnotationDoc } from '../annotation'
import type { Problem } from '../problems'
import { ProblemLog } from '../problems'
import { docToProposal } from './docToProposal'
import { flattenProposal } from './flatten'
import { writeProcCorpus } from './procCorpus'
import type { FlatFrame } from './procvlmTypes'

/** Every frame of the episode, sorted, and what could not be carried. */
export interface FlatExport {
  frames: FlatFrame[]
  problems: Problem[]
}

/** The flattened frames for `doc`. Never throws. */
export function docToFlat(doc: AnnotationDoc): FlatExport {
  const proposal = docToProposal(doc)
  const log = new ProblemLog({ episode: doc.episode })
  const frames = flattenProposal(proposal.lines, doc.frameCount)
  const steps = doc.segments.filter((s) => s.kind === 'step')
  const budgeted = steps.filter((s) => s.budget !== undefined)
  if (budgeted.length > 0) {
    log.warn('budget-not-exported', `${budgeted.length} budget override(s) (${budgeted.map((s) => `"${s.label}"`).join(', ')}) are not carried: ProcVLM recomputes budgets from the labels`)
  }
  if (doc.outcome.kind === 'not-done') {
    log.warn('cutoff-not-exported', `the success cutoff ${doc.outcome.cutoff} is not carried: ProcVLM's pipeline applies no cutoff to a failed episode`)
  }
  const noted = steps.filter((s) => s.notes !== '').length
  if (noted > 0 || doc.provenance.overallNotes !== undefined) {
    log.warn('notes-not-exported', `notes are not carried (${noted} step note(s)${doc.provenance.overallNotes === undefined ? '' : ' and the overall notes'})`)
  }
  for (const [i, s] of doc.segments.entries()) {
    if (s.kind !== 'step' || s.state !== 'incomplete') continue
    const next = doc.segments.slice(i + 1).find((n) => n.kind === 'step' && n.state === 'completed')
    const into = next === undefined ? "the tail's label" : `the next completed step, "${next.label}"`
    log.warn('incomplete-absorbed', `incomplete step "${s.label}" [${s.start}, ${s.end}) is not in the flat format: its frames get ${into}`)
  }
  const inside = doc.segments.filter((s) => s.kind !== 'outside')
  const lastSeg = inside[inside.length - 1]
  if (doc.outcome.kind === 'done' && lastSeg?.kind === 'step' && lastSeg.state === 'completed') {
    log.warn('last-frame-tail', `step "${lastSeg.label}" runs to the task's last frame ${lastSeg.end - 1}, which ProcVLM's flattener always labels "done"`)
  }
  return { frames, problems: [...proposal.problems, ...log.problems] }
}

/** The flattened file's text for `doc` (`<episode>.sub_task.jsonl`), and the warnings. */
export function docToFlatText(doc: AnnotationDoc): { text: string; problems: Problem[] } {
  const { frames, problems } = docToFlat(doc)
  return { text: writeProcCorpus(frames), problems }
}
