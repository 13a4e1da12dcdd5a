/**
 * Generated corpora for the corpus benchmarks (corpus.bench.ts, sharded.bench.ts): LeRobot v2.1 meta files for any
 * number of episodes, with each episode's flattened labels next to the dataset.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const DATA = join(ROOT, '.bench', 'data', 'corpus')
const STEPS = ['Grasp the cup.', 'Lift the cup.', 'Place the cup on the plate.', 'Release the cup.']

/** A LeRobot v2.1 dataset's meta files (no data, no videos) with `count` episodes of `frames` frames. */
export function writeIndex(name: string, count: number, frames: number, labels: boolean, data = DATA): string {
  const root = join(data, name)
  rmSync(root, { recursive: true, force: true })
  mkdirSync(join(root, 'meta'), { recursive: true })
  writeFileSync(join(root, 'meta', 'info.json'), JSON.stringify({
    codebase_version: 'v2.1', robot_type: 'bench', total_episodes: count, total_frames: count * frames, total_tasks: 1, total_videos: 0,
    total_chunks: Math.ceil(count / 1000), chunks_size: 1000, fps: 30, splits: { train: `0:${count}` },
    data_path: 'data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet',
    video_path: 'videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4',
    features: { 'observation.images.front': { dtype: 'video', shape: [480, 640, 3], names: ['height', 'width', 'channels'] }, frame_index: { dtype: 'int64', shape: [1], names: null } },
  }))
  writeFileSync(join(root, 'meta', 'tasks.jsonl'), `${JSON.stringify({ task_index: 0, task: 'put the cup on the plate' })}\n`)
  const lines: string[] = []
  for (let i = 0; i < count; i++) lines.push(JSON.stringify({ episode_index: i, tasks: ['put the cup on the plate'], length: frames }))
  writeFileSync(join(root, 'meta', 'episodes.jsonl'), `${lines.join('\n')}\n`)
  if (labels) {
    const dir = join(root, 'annotation', 'v2', 'sub_task', name)
    mkdirSync(dir, { recursive: true })
    for (let i = 0; i < count; i++) {
      // Four steps of uneven length, then the done tail: what a VLM's flattened labels look like.
      const cuts = [0, 60 + (i % 17), 140 + (i % 23), 210 + (i % 11), 270]
      const rows: string[] = []
      for (let f = 0; f < frames; f++) {
        const k = cuts.findIndex((c, j) => f >= c && (j === cuts.length - 1 || f < cuts[j + 1]!))
        rows.push(JSON.stringify({ frame_id: f, task: 'put the cup on the plate', sub_task: k === 4 ? 'done' : STEPS[k] }))
      }
      writeFileSync(join(dir, `episode_${String(i).padStart(6, '0')}.sub_task.jsonl`), `${rows.join('\n')}\n`)
    }
  }
  return root
}

