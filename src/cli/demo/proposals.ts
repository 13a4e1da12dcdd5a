/**
 * The imaginary VLM's raw sub-task proposal for an episode (procvlm-formats.md §2.3), with deliberate
 * mistakes. Like ProcVLM's annotator, it sees only frames sampled every fps // 2 frames and answers sample
 * indices, which are mapped back to frame indices; its notes still say "frame k" in sample indices, as the
 * real model's do.
 */
import type { RawProposalSuccess, RawSubtask } from '@/core/formats/procvlmTypes'
import type { PlanStep } from './plan'
import type { Timeline } from './timeline'
import { eventFrame } from './timeline'

export type Mistake =
  /** The step's completion is reported `samples` sampled frames late (negative: early). */
  | { kind: 'shift'; step: number; samples: number }
  /** The step is reported completed at a named event (e.g. a grasp that closed on nothing). */
  | { kind: 'completeAtEvent'; step: number; event: string }
  /** The step is reported absent: both frames null, notes "not present". */
  | { kind: 'missed'; step: number }
  /** An unfinished step is reported completed at an event, and the task as done. */
  | { kind: 'reportedDone'; step: number; event: string }
  /** A failed attempt reported as extra entries repeating the steps' names (event keys for start/complete). */
  | { kind: 'duplicate'; entries: { step: number; start: string; complete: string }[] }

export interface ProposalInput {
  taskIndex: number
  task: string
  fps: number
  plan: readonly PlanStep[]
  timeline: Timeline
  mistakes: readonly Mistake[]
}

/** ProcVLM's `get_sample_image_indices_sampled`: prefer `step`, take at least `minFrames`, at most `maxFrames`. */
export function sampledFrameIndices(start: number, end: number, opts: { step: number; minFrames: number; maxFrames?: number }): number[] {
  const maxFrames = opts.maxFrames ?? 128
  let step = Math.max(1, Math.min(Math.floor((end - start) / opts.minFrames), opts.step))
  if (Math.ceil((end - start) / step) > maxFrames) step = Math.floor((end - start + maxFrames - 1) / maxFrames)
  const out: number[] = []
  for (let f = start; f < end; f += step) out.push(f)
  return out
}

/** The frames the sub-task VLM sees for a whole-episode task segment with a plan of `planLength` steps. */
export function vlmSampleFrames(frameCount: number, fps: number, planLength: number): number[] {
  return sampledFrameIndices(0, frameCount, { step: Math.floor(fps / 2), minFrames: Math.max(16, Math.min(64, 8 * planLength)) })
}

function atOrAfter(samples: readonly number[], frame: number): number {
  const k = samples.findIndex((s) => s >= frame)
  return k < 0 ? samples.length - 1 : k
}

function atOrBefore(samples: readonly number[], frame: number): number {
  let k = 0
  while (k + 1 < samples.length && samples[k + 1]! <= frame) k++
  return k
}

interface Entry {
  step: PlanStep
  start?: number
  complete?: number
  notes: string
}

function describe(step: PlanStep, start: number | undefined, complete: number | undefined): string {
  if (start === undefined) return 'not present'
  if (complete === undefined) return `${step.object} lifted at frame ${start}, not released into the bin`
  return step.verb === 'grasp'
    ? `gripper moving towards the ${step.object} at frame ${start}, closed on the ${step.object} at frame ${complete}`
    : `${step.object} lifted at frame ${start}, released into the bin at frame ${complete}`
}

function overallNotes(plan: readonly PlanStep[], claimsDone: boolean, timeline: Timeline): string {
  const objects = [...new Set(plan.filter((s) => s.verb === 'place').map((s) => s.object))]
  if (!claimsDone) {
    const failed = plan.find((_, i) => timeline.steps[i]?.complete === undefined)
    return `The ${failed?.object ?? 'object'} fell onto the table and was not placed into the bin. task not completed.`
  }
  return objects.length === 1 ? `The ${objects[0]!} was placed into the bin successfully.` : `All ${objects.length} objects were placed into the bin.`
}

/** The single raw proposal line for a one-task episode (task segment = the whole episode). */
export function vlmProposal(input: ProposalInput): RawProposalSuccess {
  const t = input.timeline
  const samples = vlmSampleFrames(t.frameCount, input.fps, input.plan.length)
  const entries: Entry[] = input.plan.map((step, i) => {
    const times = t.steps[i]!
    const start = times.begin === undefined ? undefined : atOrBefore(samples, times.begin)
    const complete = times.complete === undefined ? undefined : atOrAfter(samples, times.complete)
    return { step, ...(start === undefined ? {} : { start }), ...(complete === undefined ? {} : { complete }), notes: '' }
  })
  const extras: Entry[] = []
  let claimsDone = t.abandon === undefined
  for (const m of input.mistakes) {
    switch (m.kind) {
      case 'shift': {
        const e = entries[m.step]!
        e.complete = Math.min(samples.length - 1, Math.max((e.start ?? 0) + 1, (e.complete ?? 0) + m.samples))
        break
      }
      case 'completeAtEvent':
      case 'reportedDone':
        entries[m.step]!.complete = atOrAfter(samples, eventFrame(t, m.event))
        if (m.kind === 'reportedDone') claimsDone = true
        break
      case 'missed': {
        const e = entries[m.step]!
        delete e.start
        delete e.complete
        break
      }
      case 'duplicate':
        for (const d of m.entries) {
          extras.push({ step: input.plan[d.step]!, start: atOrBefore(samples, eventFrame(t, d.start)), complete: atOrAfter(samples, eventFrame(t, d.complete)), notes: '' })
        }
        break
    }
  }
  const subtasks: RawSubtask[] = [...extras, ...entries].map((e, i) => ({
    id: i + 1,
    notes: describe(e.step, e.start, e.complete),
    start_frame: e.start === undefined ? null : samples[e.start]!,
    complete_frame: e.complete === undefined ? null : samples[e.complete]!,
    name: e.step.name,
  }))
  return {
    task_id: input.taskIndex,
    task_start: 0,
    task_end: t.frameCount,
    results: { task: input.task, subtasks, overall_notes: overallNotes(input.plan, claimsDone, t) },
  }
}
