/**
 * The ground-truth segmentation of an episode, as an AnnotationDoc: what a careful annotator following
 * ProcVLM's conventions would write at full frame precision.
 * - Steps are contiguous from frame 0; a step ends at its final completion (retries: "record final success").
 * - After the last completed step comes the tail; if the robot gave up, the step it was on is `incomplete`
 *   and ends where it gave up.
 * - Outcome: all steps done -> done; some -> not-done (cutoff 0.75); none -> failed.
 */
import type { AnnotationDoc, Outcome, Segment } from '@/core/annotation'
import { DEFAULT_CUTOFF, SCHEMA_VERSION } from '@/core/annotation'
import { episodeName } from '@/core/time'
import type { PlanStep } from './plan'
import type { Timeline } from './timeline'

export interface TruthInput {
  dataset: string
  episodeIndex: number
  taskIndex: number
  task: string
  fps: number
  plan: readonly PlanStep[]
  timeline: Timeline
  finishReason?: string
}

function notesBetween(t: Timeline, start: number, end: number): string {
  return t.notes
    .filter((n) => n.frame >= start && n.frame < end)
    .map((n) => `${n.text.charAt(0).toUpperCase()}${n.text.slice(1)} (frame ${n.frame}).`)
    .join(' ')
}

export function truthDoc(input: TruthInput): AnnotationDoc {
  const t = input.timeline
  const segments: Segment[] = []
  const push = (s: Omit<Segment, 'id'>): void => {
    segments.push({ id: `s${segments.length + 1}`, ...s })
  }
  let cursor = 0
  let completed = 0
  for (const [i, step] of input.plan.entries()) {
    const c = t.steps[i]?.complete
    if (c !== undefined) {
      push({ start: cursor, end: c, kind: 'step', label: step.name, notes: notesBetween(t, cursor, c), state: 'completed' })
      cursor = c
      completed++
      continue
    }
    if (t.abandon !== undefined) {
      push({ start: cursor, end: t.abandon, kind: 'step', label: step.name, notes: notesBetween(t, cursor, t.abandon), state: 'incomplete' })
      cursor = t.abandon
    }
    break
  }
  if (cursor < t.frameCount) push({ start: cursor, end: t.frameCount, kind: 'tail', label: '', notes: notesBetween(t, cursor, t.frameCount), state: 'completed' })
  const outcome: Outcome = completed === input.plan.length ? { kind: 'done' } : completed > 0 ? { kind: 'not-done', cutoff: DEFAULT_CUTOFF } : { kind: 'failed' }
  return {
    schemaVersion: SCHEMA_VERSION,
    dataset: input.dataset,
    episode: episodeName(input.episodeIndex),
    episodeIndex: input.episodeIndex,
    task: input.task,
    frameCount: t.frameCount,
    fps: input.fps,
    segments,
    outcome,
    provenance: {
      sourceFormat: 'generator',
      taskIndex: input.taskIndex,
      ...(outcome.kind === 'done' && input.finishReason !== undefined ? { finishReason: input.finishReason } : {}),
    },
  }
}
