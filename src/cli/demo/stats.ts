/**
 * `meta/episodes_stats.jsonl` as LeRobot v2.1 computes it: min/max/mean/std (population)/count per feature;
 * vectors per dimension; images per channel on [0, 1] over a sample of frames (`sample_indices`).
 */
import { roundHalfEven } from './inferenceFormat'
import type { EpisodeColumns } from './robotData'

export interface FeatureStats {
  min: unknown
  max: unknown
  mean: unknown
  std: unknown
  count: number[]
}

/** LeRobot's `estimate_num_samples`. */
function estimateNumSamples(n: number): number {
  const min = n < 100 ? n : 100
  return Math.max(min, Math.min(Math.floor(Math.pow(n, 0.75)), 10_000))
}

/** LeRobot's `sample_indices`: the frames whose images go into the image stats. */
export function imageSampleIndices(n: number): number[] {
  const k = estimateNumSamples(n)
  if (k <= 1) return [0]
  return Array.from({ length: k }, (_, i) => (i === k - 1 ? n - 1 : roundHalfEven((i * (n - 1)) / (k - 1))))
}

function vectorStats(rows: readonly (readonly number[])[]): FeatureStats {
  const dims = rows[0]?.length ?? 0
  const min = new Array<number>(dims).fill(Infinity)
  const max = new Array<number>(dims).fill(-Infinity)
  const sum = new Array<number>(dims).fill(0)
  const sq = new Array<number>(dims).fill(0)
  for (const r of rows) {
    for (let d = 0; d < dims; d++) {
      const v = r[d]!
      if (v < min[d]!) min[d] = v
      if (v > max[d]!) max[d] = v
      sum[d]! += v
      sq[d]! += v * v
    }
  }
  const mean = sum.map((s) => s / rows.length)
  const std = sq.map((s, d) => Math.sqrt(Math.max(0, s / rows.length - mean[d]! ** 2)))
  return { min, max, mean, std, count: [rows.length] }
}

/** Accumulates per-channel image stats from RGB frames. */
export class ImageStats {
  private readonly min = [255, 255, 255]
  private readonly max = [0, 0, 0]
  private readonly sum = [0, 0, 0]
  private readonly sq = [0, 0, 0]
  private pixels = 0
  private frames = 0

  add(rgb: Uint8Array): void {
    for (let i = 0; i < rgb.length; i += 3) {
      for (let c = 0; c < 3; c++) {
        const v = rgb[i + c]!
        if (v < this.min[c]!) this.min[c] = v
        if (v > this.max[c]!) this.max[c] = v
        this.sum[c]! += v
        this.sq[c]! += v * v
      }
    }
    this.pixels += rgb.length / 3
    this.frames++
  }

  result(): FeatureStats {
    const wrap = (xs: number[]): number[][][] => xs.map((x) => [[x]])
    const mean = this.sum.map((s) => s / this.pixels / 255)
    const std = this.sq.map((s, c) => Math.sqrt(Math.max(0, s / this.pixels / 65025 - mean[c]! ** 2)))
    return { min: wrap(this.min.map((v) => v / 255)), max: wrap(this.max.map((v) => v / 255)), mean: wrap(mean), std: wrap(std), count: [this.frames] }
  }
}

/** The stats line of one episode; `images` maps each camera key to its accumulated stats. */
export function episodeStats(episodeIndex: number, cols: EpisodeColumns, images: ReadonlyMap<string, FeatureStats>): object {
  const scalar = (xs: readonly number[]): FeatureStats => vectorStats(xs.map((x) => [x]))
  return {
    episode_index: episodeIndex,
    stats: {
      'observation.state': vectorStats(cols.state),
      action: vectorStats(cols.action),
      ...Object.fromEntries(images),
      timestamp: scalar(cols.timestamp),
      frame_index: scalar(cols.frameIndex),
      episode_index: scalar(cols.episodeIndex),
      index: scalar(cols.index),
      task_index: scalar(cols.taskIndex),
    },
  }
}
