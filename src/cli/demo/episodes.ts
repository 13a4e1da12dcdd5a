/**
 * The demo episodes: what each shows, its script, and what the imaginary VLM gets wrong about it.
 * Everything is seeded, so the dataset is a pure function of this file.
 *
 * | # | shows                         | truth outcome | proposal mistake                      |
 * |---|-------------------------------|---------------|---------------------------------------|
 * | 0 | clean success                 | done          | late grasp boundary (+3 samples)      |
 * | 1 | drop during transport         | not done      | failure reported as done              |
 * | 2 | missed grasp, stall, regrasp  | done          | grasp "completed" at the failed close |
 * | 3 | slip, retry                   | done          | retry reported twice (duplicate names)|
 * | 4 | three objects                 | done          | a subtask missed ("not present")      |
 * | 5 | clean success, long-GOP H.264 | done          | none (a control)                      |
 * | 6 | eight objects, 5000+ frames   | done          | one late and one early boundary       |
 */
import type { Pace } from './moves'
import { frames, goHome, grasp, mark, pause, place } from './moves'
import type { PlanStep } from './plan'
import { pickAndPlacePlan, pushStep } from './plan'
import { makeRng } from '@/core/random'
import type { Mistake } from './proposals'
import type { Phase } from './scene'
import type { ObjectSpec } from './world'
import { makeObject } from './world'

export interface EpisodeDef {
  index: number
  task: string
  objects: ObjectSpec[]
  plan: PlanStep[]
  script: Phase[]
  seed: number
  /** One sentence for docs/demo.md. */
  story: string
  /** Encode the H.264 camera with a 250-frame GOP instead of 2. */
  longGop?: boolean
  mistakes: Mistake[]
  /** The zero-shot reward editing case: the same episode judged under a longer instruction. */
  altInstruction?: { task: string; extra: PlanStep }
}

function pace(seed: number, slow = 1): Pace {
  return { rng: makeRng(seed * 7919 + 13), slow }
}

function objectByColor(objects: readonly ObjectSpec[], id: string): ObjectSpec {
  const o = objects.find((x) => x.id === id)
  if (o === undefined) throw new Error(`no object ${id}`)
  return o
}

/** Grasp and place each object in turn, `pauseBetween` idle frames between objects. */
function pickAndPlaceAll(p: Pace, objects: readonly ObjectSpec[], jobs: readonly { id: string; slot: number }[], pauseBetween = 0): Phase[] {
  return jobs.flatMap((job, i) => {
    const o = objectByColor(objects, job.id)
    return [
      ...(i > 0 && pauseBetween > 0 ? [pause(p, pauseBetween, 2 * i)] : []),
      ...grasp(p, { object: o.id, step: 2 * i }),
      ...place(p, { object: o.id, step: 2 * i + 1, slot: job.slot, height: o.height }),
    ]
  })
}

function cleanSuccess(index: number, seed: number, scene: { objects: ObjectSpec[]; target: string; longGop?: boolean }): EpisodeDef {
  const { objects, target, longGop = false } = scene
  const p = pace(seed)
  const o = objectByColor(objects, target)
  return {
    index,
    task: `put the ${o.name} into the bin`,
    objects,
    plan: pickAndPlacePlan([o.name]),
    script: [pause(p, 14, 0), ...pickAndPlaceAll(p, objects, [{ id: target, slot: 4 }]), ...goHome(p, 2, 30)],
    seed,
    story: `Clean success: the arm grasps the ${o.name}, carries it to the bin and lets go; then returns home.`,
    ...(longGop ? { longGop } : {}),
    mistakes: [],
  }
}

function episode0(): EpisodeDef {
  const objects = [makeObject('red', 'cube', { x: -0.14, y: -0.07, yaw: 0.35 }), makeObject('green', 'cube', { x: -0.32, y: 0.05, yaw: -0.2 }), makeObject('blue', 'cylinder', { x: 0.03, y: -0.18 })]
  return {
    ...cleanSuccess(0, 100, { objects, target: 'red' }),
    mistakes: [{ kind: 'shift', step: 0, samples: 3 }],
    altInstruction: { task: 'put the red cube into the bin and push the bin to the left', extra: pushStep('bin', 'left') },
  }
}

function episode1(): EpisodeDef {
  const p = pace(101)
  const objects = [makeObject('green', 'cube', { x: -0.2, y: -0.1, yaw: -0.4 }), makeObject('red', 'cube', { x: -0.04, y: 0.07, yaw: 0.1 })]
  const script: Phase[] = [
    pause(p, 12, 0),
    ...grasp(p, { object: 'green', step: 0 }),
    mark({ kind: 'begin', step: 1 }),
    { kind: 'move', to: { kind: 'offset', dx: 0, dy: 0, dz: 0.13 }, frames: frames(p, 22), stage: 1 },
    { kind: 'move', to: { kind: 'point', at: [0.08, -0.08, 0.2] }, frames: frames(p, 34), stage: 1 },
    { kind: 'release' },
    mark({ kind: 'event', key: 'drop', text: 'the green cube slips out of the gripper and falls onto the table' }),
    { kind: 'move', to: { kind: 'point', at: [0.18, -0.06, 0.21] }, frames: frames(p, 18), stage: 0, idle: true },
    pause(p, 30, 0),
    mark({ kind: 'abandon' }),
    ...goHome(p, 0, 40),
  ]
  return {
    index: 1,
    task: 'put the green cube into the bin',
    objects,
    plan: pickAndPlacePlan(['green cube']),
    script,
    seed: 101,
    story: 'Failure: the green cube is grasped and lifted, then drops onto the table on the way to the bin; the arm stops and goes home without it.',
    mistakes: [{ kind: 'reportedDone', step: 1, event: 'abandon' }],
  }
}

function episode2(): EpisodeDef {
  const p = pace(102)
  const objects = [makeObject('blue', 'cube', { x: -0.1, y: -0.12, yaw: 0.6 }), makeObject('yellow', 'cylinder', { x: -0.3, y: 0.02 })]
  const script: Phase[] = [
    pause(p, 12, 0),
    mark({ kind: 'begin', step: 0 }),
    { kind: 'move', to: { kind: 'object', object: 'blue', dz: 0.12 }, frames: frames(p, 52), stage: 0, align: 'blue' },
    { kind: 'move', to: { kind: 'object', object: 'blue', dx: 0.036, dy: 0.012, dz: 0 }, frames: frames(p, 28), stage: 0 },
    { kind: 'grip', opening: 0, frames: frames(p, 14), stage: 0 },
    mark({ kind: 'event', key: 'missedClose', text: 'the gripper closes beside the blue cube and grasps nothing' }),
    { kind: 'move', to: { kind: 'offset', dx: 0, dy: 0, dz: 0.03 }, frames: frames(p, 12), stage: 0 },
    { kind: 'wait', frames: frames(p, 110), stage: 0, idle: true, wobble: 0.007 },
    mark({ kind: 'event', key: 'stallEnd', text: 'the arm stalls above the cube, then reopens and realigns' }),
    { kind: 'grip', opening: 1, frames: frames(p, 12), stage: 0, idle: true },
    ...grasp(p, { object: 'blue', step: 0 }).slice(1),
    ...place(p, { object: 'blue', step: 1, slot: 4, height: objects[0]!.height }),
    ...goHome(p, 2, 30),
  ]
  return {
    index: 2,
    task: 'put the blue cube into the bin',
    objects,
    plan: pickAndPlacePlan(['blue cube']),
    script,
    seed: 102,
    story: 'Regrasp and stagnation: the first close misses the blue cube, the arm stalls and wobbles above it for about 4 s, then reopens, regrasps and places it.',
    mistakes: [{ kind: 'completeAtEvent', step: 0, event: 'missedClose' }],
  }
}

function episode3(): EpisodeDef {
  const p = pace(103)
  const objects = [makeObject('red', 'cube', { x: -0.26, y: -0.04, yaw: 0.15 }), makeObject('purple', 'cylinder', { x: -0.12, y: 0.08 })]
  const script: Phase[] = [
    pause(p, 12, 0),
    ...grasp(p, { object: 'red', step: 0, complete: false }),
    mark({ kind: 'event', key: 'firstGrasp', text: 'the red cube is grasped and lifted a first time' }),
    mark({ kind: 'begin', step: 1 }),
    { kind: 'move', to: { kind: 'offset', dx: 0, dy: 0, dz: 0.13 }, frames: frames(p, 22), stage: 1 },
    { kind: 'move', to: { kind: 'point', at: [0.02, -0.1, 0.19] }, frames: frames(p, 36), stage: 1 },
    { kind: 'release' },
    mark({ kind: 'event', key: 'slip', text: 'the red cube slips and falls back onto the table' }),
    pause(p, 16, 0),
    ...grasp(p, { object: 'red', step: 0 }),
    ...place(p, { object: 'red', step: 1, slot: 4, height: objects[0]!.height }),
    ...goHome(p, 2, 30),
  ]
  return {
    index: 3,
    task: 'put the red cube into the bin',
    objects,
    plan: pickAndPlacePlan(['red cube']),
    script,
    seed: 103,
    story: 'Retry: the red cube slips out of the gripper mid-way and falls back onto the table; the arm grasps it again where it landed and places it.',
    mistakes: [{ kind: 'duplicate', entries: [{ step: 0, start: 'begin0', complete: 'firstGrasp' }, { step: 1, start: 'firstGrasp', complete: 'slip' }] }],
  }
}

function episode4(): EpisodeDef {
  const p = pace(104)
  const objects = [makeObject('red', 'cube', { x: -0.3, y: -0.08, yaw: 0.2 }), makeObject('green', 'cube', { x: -0.16, y: 0.05, yaw: -0.3 }), makeObject('blue', 'cube', { x: -0.05, y: -0.15, yaw: 0.5 })]
  const jobs = [{ id: 'red', slot: 3 }, { id: 'green', slot: 4 }, { id: 'blue', slot: 5 }]
  return {
    index: 4,
    task: 'put the red, green and blue cubes into the bin',
    objects,
    plan: pickAndPlacePlan(['red cube', 'green cube', 'blue cube']),
    script: [pause(p, 12, 0), ...pickAndPlaceAll(p, objects, jobs), ...goHome(p, 6, 24)],
    seed: 104,
    story: 'Longer multi-object success: red, green and blue cubes go into the bin one after another (six subtasks).',
    mistakes: [{ kind: 'missed', step: 2 }],
  }
}

function episode6(): EpisodeDef {
  const p = pace(106, 1.75)
  const objects = [
    makeObject('red', 'cube', { x: -0.38, y: -0.1, yaw: 0.3 }),
    makeObject('green', 'cube', { x: -0.26, y: -0.17, yaw: -0.2 }),
    makeObject('blue', 'cylinder', { x: -0.13, y: -0.19 }),
    makeObject('yellow', 'cube', { x: -0.01, y: -0.2, yaw: 0.7 }),
    makeObject('orange', 'cylinder', { x: -0.36, y: 0.05 }),
    makeObject('purple', 'cube', { x: -0.23, y: 0.0, yaw: -0.5 }),
    makeObject('teal', 'cube', { x: -0.11, y: -0.05, yaw: 0.1 }),
    makeObject('pink', 'cylinder', { x: -0.01, y: -0.07 }),
  ]
  const order = ['yellow', 'pink', 'blue', 'teal', 'green', 'purple', 'red', 'orange']
  const script: Phase[] = [pause(p, 20, 0)]
  for (const [i, id] of order.entries()) {
    const o = objectByColor(objects, id)
    if (i > 0) script.push(pause(p, 40 + 25 * (i % 3), 2 * i))
    if (id === 'teal') {
      script.push(
        mark({ kind: 'begin', step: 2 * i }),
        { kind: 'move', to: { kind: 'object', object: id, dz: 0.12 }, frames: frames(p, 52), stage: 2 * i, align: id },
        { kind: 'move', to: { kind: 'object', object: id, dx: -0.034, dy: 0.01, dz: 0 }, frames: frames(p, 28), stage: 2 * i },
        { kind: 'grip', opening: 0, frames: frames(p, 14), stage: 2 * i },
        mark({ kind: 'event', key: 'tealMiss', text: 'the gripper closes beside the teal cube' }),
        { kind: 'wait', frames: frames(p, 70), stage: 2 * i, idle: true, wobble: 0.006 },
        { kind: 'grip', opening: 1, frames: frames(p, 12), stage: 2 * i, idle: true },
        ...grasp(p, { object: id, step: 2 * i }).slice(1),
      )
    } else if (id === 'red') {
      script.push(
        ...grasp(p, { object: id, step: 2 * i, complete: false }),
        mark({ kind: 'begin', step: 2 * i + 1 }),
        { kind: 'move', to: { kind: 'offset', dx: 0, dy: 0, dz: 0.13 }, frames: frames(p, 22), stage: 2 * i + 1 },
        { kind: 'move', to: { kind: 'point', at: [0.1, 0.08, 0.2] }, frames: frames(p, 40), stage: 2 * i + 1 },
        { kind: 'release' },
        mark({ kind: 'event', key: 'redSlip', text: 'the red cube slips and falls onto the table' }),
        pause(p, 24, 2 * i),
        ...grasp(p, { object: id, step: 2 * i }),
      )
    } else {
      script.push(...grasp(p, { object: id, step: 2 * i }))
    }
    script.push(...place(p, { object: id, step: 2 * i + 1, slot: i, height: o.height }))
  }
  script.push(...goHome(p, 16, 60))
  return {
    index: 6,
    task: 'put all the objects into the bin',
    objects,
    plan: pickAndPlacePlan(order.map((id) => objectByColor(objects, id).name)),
    script,
    seed: 106,
    story: 'Long episode for scale: a slow operator puts eight objects into the bin one by one (16 subtasks), with pauses, one missed grasp (teal cube) and one slip and retry (red cube).',
    mistakes: [{ kind: 'shift', step: 5, samples: 2 }, { kind: 'shift', step: 10, samples: -1 }],
  }
}

/** Every demo episode, by index. */
export function demoEpisodes(): EpisodeDef[] {
  const ep5Objects = [makeObject('yellow', 'cylinder', { x: -0.18, y: -0.1 }), makeObject('purple', 'cube', { x: -0.34, y: 0.04, yaw: 0.4 })]
  return [
    episode0(),
    episode1(),
    episode2(),
    episode3(),
    episode4(),
    { ...cleanSuccess(5, 105, { objects: ep5Objects, target: 'yellow', longGop: true }), story: 'Clean success like episode 0 (yellow cylinder), but its H.264 top camera has a 250-frame GOP.' },
    episode6(),
  ]
}
