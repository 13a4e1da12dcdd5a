/**
 * Script builders for the usual motions (grasp, carry and place, go home), so the episode scripts read as
 * a story. Durations get a seeded ±15% spread and a `slow` factor (a slower operator).
 */
import type { Rng } from '@/core/random'
import type { Mark, Phase } from './scene'
import { HOME } from './world'

export interface Pace {
  rng: Rng
  /** Multiplies every duration (1 = brisk teleoperation). */
  slow: number
}

export function frames(pace: Pace, base: number): number {
  return Math.max(2, Math.round(base * pace.slow * pace.rng.uniform(0.85, 1.15)))
}

export function mark(m: Mark): Phase {
  return { kind: 'mark', mark: m }
}

/** Stand still for about `base` frames, making no progress on `stage`. */
export function pause(pace: Pace, base: number, stage: number): Phase {
  return { kind: 'wait', frames: frames(pace, base), stage, idle: true }
}

/** Reach above `object`, descend, close on it and lift it clear; `complete: false` leaves the step open. */
export function grasp(pace: Pace, o: { object: string; step: number; complete?: boolean }): Phase[] {
  const stage = o.step
  return [
    mark({ kind: 'begin', step: o.step }),
    { kind: 'move', to: { kind: 'object', object: o.object, dz: 0.12 }, frames: frames(pace, 52), stage, align: o.object },
    { kind: 'move', to: { kind: 'object', object: o.object, dz: 0 }, frames: frames(pace, 28), stage },
    { kind: 'grip', opening: 0, on: o.object, frames: frames(pace, 14), stage },
    { kind: 'attach', object: o.object },
    { kind: 'move', to: { kind: 'offset', dx: 0, dy: 0, dz: 0.035 }, frames: frames(pace, 12), stage },
    ...(o.complete === false ? [] : [mark({ kind: 'complete', step: o.step })]),
  ]
}

/** Lift, carry to bin slot `slot`, lower, open and let go; the step completes once the object rests. */
export function place(pace: Pace, o: { object: string; step: number; slot: number; height: number }): Phase[] {
  const stage = o.step
  return [
    mark({ kind: 'begin', step: o.step }),
    { kind: 'move', to: { kind: 'offset', dx: 0, dy: 0, dz: 0.13 }, frames: frames(pace, 22), stage },
    { kind: 'move', to: { kind: 'slot', slot: o.slot, dz: 0.17 }, frames: frames(pace, 60), stage },
    { kind: 'move', to: { kind: 'slot', slot: o.slot, dz: o.height / 2 + 0.006 }, frames: frames(pace, 26), stage },
    { kind: 'grip', opening: 0.62, frames: frames(pace, 12), stage },
    { kind: 'release' },
    { kind: 'wait', frames: 4, stage },
    mark({ kind: 'complete', step: o.step }),
    { kind: 'move', to: { kind: 'offset', dx: 0, dy: 0, dz: 0.1 }, frames: frames(pace, 20), stage: o.step + 1 },
  ]
}

/** Back to the home pose and rest there; `stage` is what is left visibly done. */
export function goHome(pace: Pace, stage: number, restFrames: number): Phase[] {
  return [
    { kind: 'grip', opening: 1, frames: frames(pace, 8), stage, idle: true },
    { kind: 'move', to: { kind: 'point', at: HOME }, frames: frames(pace, 45), stage, idle: true },
    { kind: 'wait', frames: restFrames, stage, idle: true },
  ]
}
