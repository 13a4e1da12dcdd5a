/**
 * The parquet rows of an episode: LeRobot's columns, with the arm's joint state and the commanded action
 * (the state the controller is steering to a few frames ahead, plus a little servo noise).
 */
import type { JointVector } from './arm'
import { makeRng } from '@/core/random'
import type { SceneFrame } from './scene'

export interface EpisodeColumns {
  timestamp: number[]
  frameIndex: number[]
  episodeIndex: number[]
  index: number[]
  taskIndex: number[]
  state: number[][]
  action: number[][]
}

const ACTION_LEAD = 3

/** Columns for `frames`, the episode's first global row being `indexOffset`. */
export function episodeColumns(frames: readonly SceneFrame[], opts: { episodeIndex: number; taskIndex: number; indexOffset: number; fps: number; seed: number }): EpisodeColumns {
  const rng = makeRng(opts.seed)
  const f32 = (v: number): number => Math.fround(v)
  const state = frames.map((f) => f.pose.joints.map(f32))
  const action = frames.map((_, i) => {
    const target: JointVector = frames[Math.min(frames.length - 1, i + ACTION_LEAD)]!.pose.joints
    return target.map((v, j) => f32(v + (j === 5 ? 0 : rng.normal() * 0.05)))
  })
  return {
    timestamp: frames.map((_, i) => f32(i / opts.fps)),
    frameIndex: frames.map((_, i) => i),
    episodeIndex: frames.map(() => opts.episodeIndex),
    index: frames.map((_, i) => opts.indexOffset + i),
    taskIndex: frames.map(() => opts.taskIndex),
    state,
    action,
  }
}
