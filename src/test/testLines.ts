/**
 * Builders for raw proposal lines and a compact view of segments, shared by the format tests (imported only
 * by `*.test.ts` files).
 */
import type { AnnotationDoc, Outcome } from '@/core/annotation'
import type { RawProposalFailure, RawProposalLine, RawProposalSuccess, RawSubtask } from '@/core/formats/procvlmTypes'

export const TASK = 'put the cup on the plate'
export const GRASP = 'Grasp the cup.'
export const PLACE = 'Place the cup onto the plate.'
export const PUSH = 'Push the plate left.'
export const CLOSE = 'Close the drawer.'

/** A raw sub-task; `notes` only when given. */
export function sub(id: number, name: string, frames: [number | null, number | null], notes?: string): RawSubtask {
  const s: RawSubtask = { id, name, start_frame: frames[0], complete_frame: frames[1] }
  if (notes !== undefined) s.notes = notes
  return s
}

/** A raw success line for frames `[start, end)`; `overall_notes` only when given. */
export function success(range: [number, number], subtasks: RawSubtask[], extra: { notes?: string; task?: string; taskId?: number } = {}): RawProposalSuccess {
  const line: RawProposalSuccess = { task_id: extra.taskId ?? 0, task_start: range[0], task_end: range[1], results: { task: extra.task ?? TASK, subtasks } }
  if (extra.notes !== undefined) line.results.overall_notes = extra.notes
  return line
}

/** A raw failure line. */
export function failure(range: [number, number], text = '{"task": "put the cup'): RawProposalFailure {
  return { task_id: 0, task_start: range[0], task_end: range[1], generated_text: text }
}

/**
 * Segments as short strings: `step:Grasp the cup.[0,4)`, `step?:...` for an incomplete step, `tail[9,12)`,
 * `outside[0,2)`.
 */
export function segs(doc: AnnotationDoc | undefined): string[] {
  return (doc?.segments ?? []).map((s) => {
    const range = `[${s.start},${s.end})`
    if (s.kind === 'step') return `step${s.state === 'incomplete' ? '?' : ''}:${s.label}${range}`
    return `${s.kind}${range}`
  })
}

const DONE: Outcome = { kind: 'done' }
const NOT_DONE: Outcome = { kind: 'not-done', cutoff: 0.75 }
const FAILED: Outcome = { kind: 'failed' }

/** A raw proposal file and what importing it gives. */
export interface ProposalCase {
  lines: RawProposalLine[]
  frames?: number
  segments: string[]
  outcome: Outcome
  /** Problem kinds in order, without the fps warning every case has. */
  kinds: string[]
}

/** Raw proposals of one episode, each with the document and problems it imports to (proposalToDoc.test.ts). */
export const PROPOSAL_CASES: Record<string, ProposalCase> = {
  'procvlm-formats §2.5: Grasp completes at 4, Place at 9, done': {
    lines: [success([0, 12], [sub(1, GRASP, [0, 4]), sub(2, PLACE, [4, 9])])],
    frames: 12,
    segments: [`step:${GRASP}[0,4)`, `step:${PLACE}[4,9)`, 'tail[9,12)'],
    outcome: DONE,
    kinds: [],
  },
  'boundaries are complete frames, never start frames': {
    lines: [success([0, 20], [sub(1, GRASP, [3, 6]), sub(2, PLACE, [11, 15])])],
    frames: 20,
    segments: [`step:${GRASP}[0,6)`, `step:${PLACE}[6,15)`, 'tail[15,20)'],
    outcome: DONE,
    kinds: ['gapped-segments'],
  },
  'completion order, not list order': {
    lines: [success([0, 20], [sub(1, PLACE, [9, 15]), sub(2, GRASP, [2, 6])])],
    frames: 20,
    segments: [`step:${GRASP}[0,6)`, `step:${PLACE}[6,15)`, 'tail[15,20)'],
    outcome: DONE,
    kinds: ['gapped-segments'],
  },
  'overlapping start and complete frames': {
    lines: [success([0, 20], [sub(1, GRASP, [0, 8]), sub(2, PLACE, [5, 15])])],
    frames: 20,
    segments: [`step:${GRASP}[0,8)`, `step:${PLACE}[8,15)`, 'tail[15,20)'],
    outcome: DONE,
    kinds: ['overlapping-segments'],
  },
  'not done: incomplete step after the last completion, absent one off the timeline': {
    lines: [success([2, 20], [sub(1, GRASP, [3, 8]), sub(2, PLACE, [8, 14]), sub(3, PUSH, [15, null], 'stuck'), sub(4, CLOSE, [null, null], 'not present')], { notes: 'task not completed' })],
    frames: 24,
    segments: ['outside[0,2)', `step:${GRASP}[2,8)`, `step:${PLACE}[8,14)`, `step?:${PUSH}[14,20)`, 'outside[20,24)'],
    outcome: NOT_DONE,
    kinds: ['absent-subtask'],
  },
  'not done by the half rule: 2 of 4 sub-tasks absent, no note': {
    lines: [success([0, 20], [sub(1, GRASP, [0, 5]), sub(2, PLACE, [5, 10]), sub(3, PUSH, [null, null]), sub(4, CLOSE, [null, null])])],
    frames: 20,
    segments: [`step:${GRASP}[0,5)`, `step:${PLACE}[5,10)`, 'tail[10,20)'],
    outcome: NOT_DONE,
    kinds: ['absent-subtask'],
  },
  'done with 1 of 3 absent': {
    lines: [success([0, 20], [sub(1, GRASP, [0, 5]), sub(2, PLACE, [5, 10]), sub(3, PUSH, [null, null])])],
    frames: 20,
    segments: [`step:${GRASP}[0,5)`, `step:${PLACE}[5,10)`, 'tail[10,20)'],
    outcome: DONE,
    kinds: ['absent-subtask'],
  },
  'failed: started but nothing completed': {
    lines: [success([0, 20], [sub(1, GRASP, [4, null]), sub(2, PLACE, [null, null])], { notes: 'The robot missed the cup. task not completed.' })],
    frames: 20,
    segments: [`step?:${GRASP}[0,20)`],
    outcome: FAILED,
    kinds: ['absent-subtask'],
  },
  'failed: nothing present at all': {
    lines: [success([0, 20], [sub(1, GRASP, [null, null])])],
    frames: 20,
    segments: ['tail[0,20)'],
    outcome: FAILED,
    kinds: ['absent-subtask'],
  },
  'several incomplete steps split at their start frames': {
    lines: [success([0, 30], [sub(1, GRASP, [0, 10]), sub(3, PUSH, [22, null]), sub(2, PLACE, [12, null])], { notes: 'task not completed' })],
    frames: 30,
    segments: [`step:${GRASP}[0,10)`, `step?:${PLACE}[10,22)`, `step?:${PUSH}[22,30)`],
    outcome: NOT_DONE,
    kinds: [],
  },
  'a complete frame past the task end is clamped to task_end - 1': {
    lines: [success([0, 12], [sub(1, GRASP, [0, 4]), sub(2, PLACE, [4, 15])])],
    frames: 20,
    segments: [`step:${GRASP}[0,4)`, `step:${PLACE}[4,11)`, 'tail[11,12)', 'outside[12,20)'],
    outcome: DONE,
    kinds: ['frame-out-of-range'],
  },
  'two completions on one frame: the later one in the list gets no frames': {
    lines: [success([0, 20], [sub(1, GRASP, [0, 10]), sub(2, PLACE, [5, 10])], { notes: 'task not completed' })],
    frames: 20,
    segments: [`step:${GRASP}[0,10)`, 'tail[10,20)'],
    outcome: NOT_DONE,
    kinds: ['overlapping-segments', 'empty-segment'],
  },
  'a complete frame before the task start': {
    lines: [success([5, 20], [sub(1, GRASP, [0, 3]), sub(2, PLACE, [6, 12])])],
    frames: 20,
    segments: ['outside[0,5)', `step:${PLACE}[5,12)`, 'tail[12,20)'],
    outcome: DONE,
    kinds: ['frame-out-of-range', 'frame-out-of-range', 'gapped-segments', 'empty-segment'],
  },
  'a complete frame without a start frame is dropped, as ProcVLM does': {
    lines: [success([0, 20], [sub(1, GRASP, [0, 6]), sub(2, PLACE, [null, 12]), sub(3, PUSH, [12, 16])])],
    frames: 20,
    segments: [`step:${GRASP}[0,6)`, `step:${PUSH}[6,16)`, 'tail[16,20)'],
    outcome: DONE,
    kinds: ['missing-start-frame', 'gapped-segments'],
  },
  'start after complete': {
    lines: [success([0, 20], [sub(1, GRASP, [8, 6])])],
    frames: 20,
    segments: [`step:${GRASP}[0,6)`, 'tail[6,20)'],
    outcome: DONE,
    kinds: ['start-after-complete'],
  },
  'frames outside the episode': {
    lines: [success([0, 12], [sub(1, GRASP, [0, 4]), sub(2, PLACE, [-1, 30])])],
    frames: 12,
    segments: [`step:${GRASP}[0,4)`, `step:${PLACE}[4,11)`, 'tail[11,12)'],
    outcome: DONE,
    kinds: ['frame-out-of-range', 'frame-out-of-range', 'overlapping-segments'],
  },
  'a task segment past the episode is cut': {
    lines: [success([0, 15], [sub(1, GRASP, [0, 4])])],
    frames: 12,
    segments: [`step:${GRASP}[0,4)`, 'tail[4,12)'],
    outcome: DONE,
    kinds: ['frame-out-of-range'],
  },
  'multi-task: the first task segment is imported, the others kept': {
    lines: [success([12, 24], [sub(1, PUSH, [12, 20])], { taskId: 1, task: 'push the plate' }), success([0, 12], [sub(1, GRASP, [0, 5])]), failure([24, 30])],
    frames: 30,
    segments: [`step:${GRASP}[0,5)`, 'tail[5,12)', 'outside[12,30)'],
    outcome: DONE,
    kinds: ['failed-generation', 'multi-task-episode'],
  },
  'overlapping task segments': {
    lines: [success([0, 12], [sub(1, GRASP, [0, 5])]), success([10, 24], [sub(1, PUSH, [10, 20])])],
    frames: 24,
    segments: [`step:${GRASP}[0,5)`, 'tail[5,12)', 'outside[12,24)'],
    outcome: DONE,
    kinds: ['multi-task-episode', 'overlapping-tasks'],
  },
  'only a failure line: everything outside': {
    lines: [failure([0, 20])],
    frames: 20,
    segments: ['outside[0,20)'],
    outcome: FAILED,
    kinds: ['failed-generation'],
  },
  'duplicate names and a mixed-case Done step': {
    lines: [success([0, 30], [sub(1, GRASP, [0, 5]), sub(2, PLACE, [5, 10]), sub(3, GRASP, [10, 15]), sub(4, 'Done', [15, 20])])],
    frames: 30,
    segments: [`step:${GRASP}[0,5)`, `step:${PLACE}[5,10)`, `step:${GRASP}[10,15)`, 'step:Done[15,20)', 'tail[20,30)'],
    outcome: DONE,
    kinds: ['mixed-case-done', 'duplicate-name'],
  },
  'a step named done': {
    lines: [success([0, 30], [sub(1, GRASP, [0, 5]), sub(2, 'done', [5, 10])])],
    frames: 30,
    segments: [`step:${GRASP}[0,5)`, 'step:done[5,10)', 'tail[10,30)'],
    outcome: DONE,
    kinds: ['done-label'],
  },
  'a one-frame step and a short episode': {
    lines: [success([0, 8], [sub(1, GRASP, [0, 4]), sub(2, PLACE, [4, 5])])],
    frames: 8,
    segments: [`step:${GRASP}[0,4)`, `step:${PLACE}[4,5)`, 'tail[5,8)'],
    outcome: DONE,
    kinds: ['short-episode', 'short-segment'],
  },
  'no frame count: assumed from the last task_end': {
    lines: [success([3, 12], [sub(1, GRASP, [3, 6])])],
    segments: ['outside[0,3)', `step:${GRASP}[3,6)`, 'tail[6,12)'],
    outcome: DONE,
    kinds: ['frame-count-unknown'],
  },
  'no room left for an incomplete step': {
    lines: [success([0, 12], [sub(1, GRASP, [0, 11]), sub(2, PLACE, [11, null]), sub(3, PUSH, [11, null])], { notes: 'task not completed' })],
    frames: 12,
    segments: [`step:${GRASP}[0,11)`, `step?:${PLACE}[11,12)`],
    outcome: NOT_DONE,
    kinds: ['unplaced-incomplete', 'short-segment'],
  },
}
