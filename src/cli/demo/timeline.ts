/**
 * What happened when, read from a simulation's marks: when each step began and finally completed, when the
 * robot gave up, and the named events. Truth, proposals and predictions all start from this.
 */
import type { Simulation } from './scene'

export interface StepTimes {
  /** Start of the attempt that counts (the last `begin` before the completion), if the step was started. */
  begin?: number
  /** The final completion (the ground-truth boundary), if the step was completed. */
  complete?: number
}

export interface Timeline {
  frameCount: number
  steps: StepTimes[]
  abandon?: number
  /** Named frames: event keys, `begin<step>` (first begin of a step) and `abandon`. */
  events: Map<string, number>
  /** Event texts with their frames, in order. */
  notes: { frame: number; text: string }[]
}

export function readTimeline(sim: Simulation, stepCount: number): Timeline {
  const steps: StepTimes[] = Array.from({ length: stepCount }, () => ({}))
  const events = new Map<string, number>()
  const notes: { frame: number; text: string }[] = []
  let abandon: number | undefined
  for (const { frame, mark } of sim.marks) {
    switch (mark.kind) {
      case 'begin': {
        const s = steps[mark.step]
        if (s === undefined) throw new Error(`mark for unknown step ${mark.step}`)
        if (!events.has(`begin${mark.step}`)) events.set(`begin${mark.step}`, frame)
        if (s.complete === undefined) s.begin = frame
        break
      }
      case 'complete': {
        const s = steps[mark.step]
        if (s === undefined) throw new Error(`mark for unknown step ${mark.step}`)
        s.complete = frame
        break
      }
      case 'abandon':
        abandon = frame
        events.set('abandon', frame)
        break
      case 'event':
        events.set(mark.key, frame)
        notes.push({ frame, text: mark.text })
        break
    }
  }
  return { frameCount: sim.frames.length, steps, ...(abandon === undefined ? {} : { abandon }), events, notes }
}

/** The frame named `key`; a script/proposal mismatch is a bug in the generator, so it throws. */
export function eventFrame(t: Timeline, key: string): number {
  const f = t.events.get(key)
  if (f === undefined) throw new Error(`no event ${key}`)
  return f
}
