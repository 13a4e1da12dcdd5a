/**
 * Subtask names in the ProcVLM planner's verb patterns ("Grasp X." / "Place X into Y." / "Push X dir."),
 * procvlm-formats.md §2.2.
 */
export type Verb = 'grasp' | 'place' | 'push'

export interface PlanStep {
  verb: Verb
  /** The object as named in the text: `red cube`, `bin`. */
  object: string
  name: string
}

export function graspStep(object: string): PlanStep {
  return { verb: 'grasp', object, name: `Grasp the ${object}.` }
}

export function placeStep(object: string): PlanStep {
  return { verb: 'place', object, name: `Place the ${object} into the bin.` }
}

export function pushStep(object: string, direction: string): PlanStep {
  return { verb: 'push', object, name: `Push the ${object} to the ${direction}.` }
}

/** Grasp then place, for each object in order. */
export function pickAndPlacePlan(objects: readonly string[]): PlanStep[] {
  return objects.flatMap((o) => [graspStep(o), placeStep(o)])
}
