/**
 * Datasets that e2e/bench/editor.bench.ts generates under test-results/bench-data/ (git-ignored), so the editor
 * benchmark needs nothing but this checkout and ffmpeg:
 *
 * - `editor-20k/`: a LeRobot v2.1 dataset with one episode of 20,000 frames (30 fps) and no data file or video
 *   (the reader rebuilds the frame table from the length and reports `data-missing`; no camera is declared, so
 *   nothing is hashed or decoded while the editor is measured), next to its ProcVLM files: a raw VLM proposal
 *   with 199 completed subtasks and the `done` tail (200 segments, procvlm-formats.md §2.3), one inference file
 *   with 512 sampled frames (§6.1), and `annotation/index.json`, which names them (plain HTTP cannot list).
 * - `phash-<codec>/`: a LeRobot v2.1 dataset with one 640×480 episode of testsrc2 (ffmpeg), one camera, for the
 *   visual-change worker's throughput.
 *
 * Every file is deterministic; the videos are encoded once and reused while their parameters stay the same.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// Outside test-results/, which every Playwright run empties: the encoded episodes are kept between runs.
export const BENCH_DATA = fileURLToPath(new URL('../../.bench/data/', import.meta.url))

const FPS = 30
const TASK = 'sort the parts on the table into the labelled bins'
const VERBS = ['Grasp', 'Place', 'Push', 'Open', 'Close', 'Rotate', 'Press', 'Tilt']
const OBJECTS = ['the red block', 'the cup', 'the drawer', 'the lid', 'the sponge', 'the bowl', 'the marker', 'the bolt']

function write(root: string, path: string, text: string): void {
  const file = join(root, path)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, text)
}

const jsonl = (rows: unknown[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`

/** A small deterministic generator (Park–Miller), so every run builds the same files. */
function prng(seed: number): () => number {
  let s = seed
  return () => (s = (s * 48271) % 2147483647) / 2147483647
}

/** LeRobot v2.1 metadata for `episodes` episodes of `frames` frames each (no data files: the reader rebuilds the frame table). */
export function lerobotMeta(root: string, o: { frames: number; episodes?: number; cameras: { key: string; codec: string; width: number; height: number }[] }): void {
  const episodes = o.episodes ?? 1
  const features: Record<string, unknown> = {}
  for (const c of o.cameras) {
    features[c.key] = {
      dtype: 'video', shape: [c.height, c.width, 3], names: ['height', 'width', 'channels'],
      info: { 'video.height': c.height, 'video.width': c.width, 'video.codec': c.codec, 'video.fps': FPS, 'video.pix_fmt': 'yuv420p', has_audio: false },
    }
  }
  for (const [key, dtype] of [['timestamp', 'float32'], ['frame_index', 'int64'], ['episode_index', 'int64'], ['index', 'int64'], ['task_index', 'int64']] as const) {
    features[key] = { dtype, shape: [1], names: null }
  }
  write(root, 'meta/info.json', `${JSON.stringify({
    codebase_version: 'v2.1', robot_type: 'bench', total_episodes: episodes, total_frames: o.frames * episodes, total_tasks: 1,
    total_videos: o.cameras.length * episodes, total_chunks: 1, chunks_size: 1000, fps: FPS, splits: { train: `0:${episodes}` },
    data_path: 'data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet',
    video_path: 'videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4',
    features,
  }, null, 2)}\n`)
  write(root, 'meta/episodes.jsonl', jsonl(Array.from({ length: episodes }, (_, i) => ({ episode_index: i, tasks: [TASK], length: o.frames }))))
  write(root, 'meta/tasks.jsonl', jsonl([{ task_index: 0, task: TASK }]))
}

export interface EditorDataset {
  root: string
  /** The folder's name: the dataset name the app derives from the URL, and `<dataset>` in the annotation paths. */
  name: string
  frames: number
  fps: number
  /** Segment bounds of the proposal as the app imports it: `bounds[i]` = start of segment i, `bounds[segments]` = frames. */
  bounds: number[]
  /** Subtask names, one per step (the tail is `done`). */
  names: string[]
  model: string
  samples: number
}

/** The 20,000-frame episode with 200 segments and 4 progress curves (target, proposal's target, time-linear, one model). */
export function makeEditorDataset(o: { frames?: number; segments?: number; samples?: number } = {}): EditorDataset {
  const frames = o.frames ?? 20_000
  const segments = o.segments ?? 200
  const samples = o.samples ?? 512
  const name = 'editor-20k'
  const model = 'procvlm-2b'
  const root = join(BENCH_DATA, name)
  rmSync(root, { recursive: true, force: true })
  lerobotMeta(root, { frames, cameras: [] })

  // Segment lengths between 0.6 and 1.4 times the mean, rescaled to cover the episode exactly.
  const rand = prng(20_000)
  const raw = Array.from({ length: segments }, () => 0.6 + 0.8 * rand())
  const sum = raw.reduce((a, b) => a + b, 0)
  const bounds = [0]
  let acc = 0
  for (let i = 0; i < segments; i++) {
    acc += raw[i]!
    bounds.push(i === segments - 1 ? frames : Math.round((acc / sum) * frames))
  }
  // 199 completed subtasks (their complete_frame is the next segment's first frame), then the `done` tail.
  const steps = segments - 1
  const names = Array.from({ length: steps }, (_, i) => `${VERBS[i % VERBS.length]} ${OBJECTS[(i * 3) % OBJECTS.length]} ${i + 1}.`)
  const subtasks = names.map((n, i) => ({
    id: i + 1,
    notes: `step ${i + 1} under way from frame ${bounds[i]}, done at frame ${bounds[i + 1]}`,
    start_frame: bounds[i]!,
    complete_frame: bounds[i + 1]!,
    name: n,
  }))
  write(root, `annotation/sub_task_jsonl/${name}/episode_000000.sub_task.jsonl`, jsonl([{
    task_id: 0, task_start: 0, task_end: frames,
    results: { task: TASK, subtasks, overall_notes: 'All parts were sorted into their bins.' },
  }]))

  // ProcVLM inference: `samples` frames by rounded linspace, windows of the last 8 sampled frames.
  const picked = [...new Set(Array.from({ length: samples }, (_, i) => Math.round((i * (frames - 1)) / (samples - 1))))]
  const noise = prng(512)
  const rows = picked.map((frame, i) => {
    const window = Array.from({ length: 8 }, (_, w) => picked[Math.max(0, i - 7 + w)]!)
    const progress = Math.round(Math.max(0, Math.min(100, (100 * frame) / (frames - 1) + 6 * Math.sin(frame / 900) + 4 * (noise() - 0.5))) * 100) / 100
    return {
      video_path: `/data/lerobot/${name}/videos/chunk-000/observation.images.front/episode_000000.mp4`, task: TASK,
      sample_index: i, frame_index: frame, timestamp_sec: frame / FPS, window_frame_indices: window,
      progress, parsed_progress: progress, progress_source: 'model',
      reasoning: 'The following actions are required: …',
      model_output: `The following actions are required: …\nTherefore, the estimated progress is <progress>${progress.toFixed(2)}%</progress>.`,
    }
  })
  const inference = `annotation/inference/${model}/episode_000000.jsonl`
  write(root, inference, jsonl(rows))
  write(root, 'annotation/index.json', `${JSON.stringify({ version: 1, files: [`annotation/sub_task_jsonl/${name}/episode_000000.sub_task.jsonl`, inference] }, null, 1)}\n`)
  return { root, name, frames, fps: FPS, bounds, names, model, samples: picked.length }
}

export type PhashCodec = 'h264' | 'av1'

export interface PhashDataset {
  root: string
  name: string
  codec: PhashCodec
  frames: number
  width: number
  height: number
  video: string
  /** Seconds ffmpeg took to encode it (0 when reused). */
  encodeSeconds: number
}

const CAMERA = 'observation.images.front'

/**
 * A 640×480 episode of ffmpeg's testsrc2, one camera, H.264 (`-g 2`, as LeRobot encodes) or AV1 (SVT-AV1,
 * `-g 2`). Encoded once; a stamp file with the parameters decides whether the video can be reused.
 */
export function makePhashDataset(codec: PhashCodec, o: { frames?: number; width?: number; height?: number } = {}): PhashDataset {
  const frames = o.frames ?? 600
  const width = o.width ?? 640
  const height = o.height ?? 480
  const name = `phash-${codec}`
  const root = join(BENCH_DATA, name)
  const rel = `videos/chunk-000/${CAMERA}/episode_000000.mp4`
  const video = join(root, rel)
  const args = ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${FPS}`, '-frames:v', String(frames),
    ...(codec === 'h264'
      ? ['-c:v', 'libx264', '-preset', 'veryfast', '-g', '2', '-bf', '0', '-pix_fmt', 'yuv420p']
      : ['-c:v', 'libsvtav1', '-preset', '12', '-g', '2', '-crf', '35', '-pix_fmt', 'yuv420p']),
    '-movflags', '+faststart', video]
  const stampFile = join(root, '.params')
  const stamp = JSON.stringify(args)
  let encodeSeconds = 0
  if (!existsSync(video) || !existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
    rmSync(root, { recursive: true, force: true })
    mkdirSync(dirname(video), { recursive: true })
    const t0 = performance.now()
    // SVT-AV1 logs its configuration on stderr; errors still reach the exception.
    execFileSync('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SVT_LOG: '1' } })
    encodeSeconds = (performance.now() - t0) / 1000
    writeFileSync(stampFile, stamp)
  }
  lerobotMeta(root, { frames, cameras: [{ key: CAMERA, codec: codec === 'h264' ? 'h264' : 'av1', width, height }] })
  return { root, name, codec, frames, width, height, video, encodeSeconds }
}
