/**
 * ProcVQA's question templates, verbatim: the first non-empty line of `evqa/templates/procedural_*.txt` in
 * ProcVLM/ProcVLM at commit 5a8c6b2d082e1ab210fa714accd99306364abdea (procvlm-formats.md §4.1). Training data
 * must ask exactly what the model is asked at inference, so not a character of these may change.
 */

/** Segmentation of the whole episode, with the task. */
export const PROCEDURAL_A1 =
  'Segment the execution of the task "{task}" into consecutive atomic actions. Each segment should correspond to a single, explicit verb-level action. Output a JSON list with keys "action_description", "start_frame", and "end_frame".'

/** Segmentation without the task. */
export const PROCEDURAL_A2 =
  'Segment the actions shown in the image sequence into consecutive atomic actions, each described by a single explicit verb. Output a JSON list with keys "action_description", "start_frame", and "end_frame".'

/** The next action. */
export const PROCEDURAL_B1 =
  'Given the recent observation and the task "{task}", predict the immediate next atomic action the robot should execute. Use a single explicit verb-level description.'

/** The remaining plan. */
export const PROCEDURAL_B2 =
  'Given the recent observation and the task "{task}", list the remaining atomic actions required to complete the task, starting from the next time step. Each action should be a single explicit verb-level step.'

/** Progress, reasoning before estimation (also the inference prompt of `evqa/inference.py` and RLInf). */
export const PROCEDURAL_C =
  'Given the recent observation and the task "{task}", first infer the remaining atomic actions required to complete the task. Then estimate the current completion percentage and output it as a float wrapped by <progress> tags.'

/**
 * Python's `template.format(task=task)` for these templates: every `{task}` becomes the task text, taken
 * literally (no `$` patterns, no re-formatting of braces inside the task). The templates hold no other braces.
 */
export function fillTemplate(template: string, task: string): string {
  return template.split('{task}').join(task)
}
