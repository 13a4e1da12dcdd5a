/**
 * The 3-D state of the scene, frame by frame, from a script of phases. Pure and deterministic: the same
 * script and seed give the same frames.
 *
 * ```text
 *  script   [move][grip][attach][move][mark complete 0][move] ...   phases run in order; a phase of n frames
 *  frames   0 1 2 3 ...                                             emits n frames and ends exactly on its
 *  marks    complete 0 @ frame 57, ...                              target; a mark records the next frame
 * ```
 * `stage` is what the robot is visibly working on (step index; the step count once finished). It can go back,
 * e.g. after a slip; the imaginary models read it, the ground truth reads the marks.
 */
import type { ArmPose } from './arm'
import { MAX_GAP, rollToAlign, solveArm } from './arm'
import type { Rng } from '@/core/random'
import { makeRng } from '@/core/random'
import type { Vec3 } from './vec'
import { add, easeInOut, lerp, sub } from './vec'
import type { ObjectSpec } from './world'
import { binSlot, supportHeight } from './world'

export type Target =
  /** A fixed world point. */
  | { kind: 'point'; at: Vec3 }
  /** Relative to an object's centre where it is when the move starts. */
  | { kind: 'object'; object: string; dx?: number; dy?: number; dz: number }
  /** Above bin slot `slot`, `dz` over the bin floor. */
  | { kind: 'slot'; slot: number; dz: number }
  /** Relative to the tip where the move starts. */
  | { kind: 'offset'; dx: number; dy: number; dz: number }

export type Mark =
  /** The robot starts working on step `step` (the VLM's start frame). */
  | { kind: 'begin'; step: number }
  /** Step `step` is finally completed at this frame (the ground-truth boundary). */
  | { kind: 'complete'; step: number }
  /** The robot gives up: the current step stays incomplete and the tail starts. */
  | { kind: 'abandon' }
  /** Something worth a note (a slip, a drop, a stall); proposals can refer to it by `key`. */
  | { kind: 'event'; key: string; text: string }

/**
 * A phase that emits frames. `stage` is the step the robot is visibly working on; `idle` frames make no
 * visible progress (waiting, stalling, giving up).
 */
interface Timed {
  frames: number
  stage: number
  idle?: boolean
}

export type Phase =
  | (Timed & { kind: 'move'; to: Target; align?: string })
  /** Close or open the gripper; closing `on` an object stops at the object's width. */
  | (Timed & { kind: 'grip'; opening: number; on?: string })
  | (Timed & { kind: 'wait'; wobble?: number })
  | { kind: 'attach'; object: string }
  | { kind: 'release' }
  | { kind: 'mark'; mark: Mark }

export interface ObjectState {
  pos: Vec3
  yaw: number
}

export interface SceneFrame {
  pose: ArmPose
  objects: ObjectState[]
  /** Index of the held object, or -1. */
  held: number
  stage: number
  idle: boolean
}

export interface Simulation {
  frames: SceneFrame[]
  marks: { frame: number; mark: Mark }[]
}

interface Sim {
  tip: Vec3
  opening: number
  roll: number
  objects: (ObjectState & { vz: number; falling: boolean })[]
  held: { index: number; offset: Vec3; yawOffset: number } | undefined
  out: SceneFrame[]
  marks: { frame: number; mark: Mark }[]
  tremor: (frame: number) => Vec3
}

const DT = 1 / 30
const GRAVITY = 9.81

/** A smooth teleoperation tremor: a few slow sines per axis, about 1.5 mm. */
function makeTremor(rng: Rng): (frame: number) => Vec3 {
  const waves = Array.from({ length: 9 }, () => ({ w: rng.uniform(0.05, 0.35), p: rng.uniform(0, 6.283), a: rng.uniform(0.0003, 0.0007) }))
  const axis = (i: number, f: number): number => waves.slice(i * 3, i * 3 + 3).reduce((s, v) => s + v.a * Math.sin(v.w * f + v.p), 0)
  return (f) => [axis(0, f), axis(1, f), axis(2, f)]
}

function objectIndex(specs: readonly ObjectSpec[], id: string): number {
  const i = specs.findIndex((o) => o.id === id)
  if (i < 0) throw new Error(`script names unknown object ${id}`)
  return i
}

function resolve(sim: Sim, specs: readonly ObjectSpec[], to: Target): Vec3 {
  switch (to.kind) {
    case 'point':
      return to.at
    case 'object': {
      const o = sim.objects[objectIndex(specs, to.object)]!
      return add(o.pos, [to.dx ?? 0, to.dy ?? 0, to.dz])
    }
    case 'slot': {
      const [x, y] = binSlot(to.slot)
      return [x, y, supportHeight(x, y) + to.dz]
    }
    case 'offset':
      return add(sim.tip, [to.dx, to.dy, to.dz])
  }
}

function stepPhysics(sim: Sim, specs: readonly ObjectSpec[], tip: Vec3, gripperYaw: number): void {
  for (const [i, o] of sim.objects.entries()) {
    if (sim.held?.index === i) {
      o.pos = add(tip, sim.held.offset)
      o.yaw = gripperYaw + sim.held.yawOffset
      continue
    }
    if (!o.falling) continue
    const rest = supportHeight(o.pos[0], o.pos[1]) + specs[i]!.height / 2
    o.vz -= GRAVITY * DT
    const z = o.pos[2] + o.vz * DT
    if (z <= rest) {
      o.pos = [o.pos[0], o.pos[1], rest]
      o.falling = false
      o.vz = 0
    } else {
      o.pos = [o.pos[0], o.pos[1], z]
    }
  }
}

function emit(sim: Sim, specs: readonly ObjectSpec[], phase: Timed, extra: Vec3 = [0, 0, 0]): void {
  const frame = sim.out.length
  const tip = add(add(sim.tip, sim.tremor(frame)), extra)
  const pose = solveArm(tip, sim.opening, sim.roll)
  stepPhysics(sim, specs, tip, Math.atan2(pose.fingerAxis[1], pose.fingerAxis[0]))
  const objects = sim.objects.map((o) => ({ pos: o.pos, yaw: o.yaw }))
  sim.out.push({ pose, objects, held: sim.held?.index ?? -1, stage: phase.stage, idle: phase.idle === true })
}

function runPhase(sim: Sim, specs: readonly ObjectSpec[], phase: Phase, rng: Rng): void {
  switch (phase.kind) {
    case 'move': {
      const from = sim.tip
      const to = resolve(sim, specs, phase.to)
      const roll0 = sim.roll
      let roll1 = roll0
      if (phase.align !== undefined) roll1 = rollToAlign(to, sim.objects[objectIndex(specs, phase.align)]!.yaw)
      for (let k = 1; k <= phase.frames; k++) {
        const t = easeInOut(k / phase.frames)
        sim.tip = lerp(from, to, t)
        sim.roll = roll0 + (roll1 - roll0) * t
        emit(sim, specs, phase)
      }
      return
    }
    case 'grip': {
      const from = sim.opening
      const on = phase.on === undefined ? undefined : specs[objectIndex(specs, phase.on)]
      const to = on === undefined ? phase.opening : Math.max(phase.opening, (on.size + 0.002) / MAX_GAP)
      for (let k = 1; k <= phase.frames; k++) {
        sim.opening = from + (to - from) * easeInOut(k / phase.frames)
        emit(sim, specs, phase)
      }
      return
    }
    case 'wait': {
      const amp = phase.wobble ?? 0
      const w = rng.uniform(0.25, 0.45)
      for (let k = 1; k <= phase.frames; k++) {
        const env = Math.sin((Math.PI * k) / phase.frames)
        emit(sim, specs, phase, [amp * env * Math.sin(w * k), amp * env * Math.cos(0.7 * w * k), 0.4 * amp * env * Math.sin(1.3 * w * k)])
      }
      return
    }
    case 'attach': {
      const index = objectIndex(specs, phase.object)
      const o = sim.objects[index]!
      const pose = solveArm(sim.tip, sim.opening, sim.roll)
      o.falling = false
      sim.held = { index, offset: sub(o.pos, sim.tip), yawOffset: o.yaw - Math.atan2(pose.fingerAxis[1], pose.fingerAxis[0]) }
      return
    }
    case 'release': {
      if (sim.held !== undefined) {
        const o = sim.objects[sim.held.index]!
        o.falling = true
        o.vz = 0
      }
      sim.held = undefined
      return
    }
    case 'mark':
      sim.marks.push({ frame: sim.out.length, mark: phase.mark })
      return
  }
}

/** Run `script` from the arm at `start` (open gripper) with the objects at their resting places. */
export function simulate(specs: readonly ObjectSpec[], script: readonly Phase[], opts: { start: Vec3; seed: number }): Simulation {
  const rng = makeRng(opts.seed)
  const sim: Sim = {
    tip: opts.start,
    opening: 1,
    roll: 0,
    objects: specs.map((o) => ({ pos: [o.x, o.y, supportHeight(o.x, o.y) + o.height / 2], yaw: o.yaw, vz: 0, falling: false })),
    held: undefined,
    out: [],
    marks: [],
    tremor: makeTremor(rng),
  }
  for (const phase of script) runPhase(sim, specs, phase, rng)
  return { frames: sim.out, marks: sim.marks }
}
