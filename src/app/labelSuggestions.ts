/**
 * Names to suggest for a step: the episode's own (as corrected and as proposed), the dataset's (most frequent
 * first), then ProcVLM's planner verb patterns (procvlm-formats.md §2.2) filled with the objects the
 * instruction names, so a new step reads like the ones ProcVLM trains on.
 */
import type { AnnotationDoc } from '@/core/annotation'
import { isValidLabel } from '@/core/budgets'

/** The verb patterns ProcVLM's planner prompt allows; `{x}` and `{y}` are objects. */
export const PROCVLM_PATTERNS = [
  'Grasp {x}.', 'Place {x} into {y}.', 'Place {x} onto {y}.', 'Push {x} to the left.', 'Push {x} to the right.',
  'Tilt the gripper.', 'Hang {x} on {y}.', 'Press {x}.', 'Open {x}.', 'Close {x}.', 'Rotate {x}.',
]

const BREAKS = /\b(?:into|onto|on|in|to|and|from|with|then|at|of)\b|[,.;]/

/** The objects an instruction names: each `the …` phrase up to the next preposition (`put the red cube into the bin` → the red cube, the bin). */
export function instructionObjects(task: string): string[] {
  const out: string[] = []
  for (const part of task.toLowerCase().split(BREAKS)) {
    const m = /\b(the|a|an)\s+([a-z][a-z -]*[a-z])/.exec(part)
    if (m !== null) {
      const phrase = `the ${m[2]!.trim().replace(/\s+/g, ' ')}`
      if (!out.includes(phrase)) out.push(phrase)
    }
  }
  return out
}

export function labelSuggestions(doc: AnnotationDoc, datasetLabels: ReadonlyMap<string, number>): string[] {
  const out: string[] = []
  const add = (label: string) => {
    if (isValidLabel(label) && !out.includes(label)) out.push(label)
  }
  for (const s of doc.segments) if (s.kind === 'step') add(s.label)
  for (const s of doc.provenance.proposal?.segments ?? []) if (s.kind === 'step') add(s.label)
  for (const [label] of [...datasetLabels].sort((a, b) => b[1] - a[1])) add(label)
  const objects = instructionObjects(doc.task)
  const x = objects[0] ?? 'the object'
  const y = objects[1] ?? 'the target'
  for (const pattern of PROCVLM_PATTERNS) add(pattern.replace('{x}', x).replace('{y}', y).replace(/^./, (c) => c.toUpperCase()))
  return out
}
