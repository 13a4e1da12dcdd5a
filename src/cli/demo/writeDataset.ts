/**
 * Makes the whole demo dataset on disk: simulate each episode, write its parquet, render both cameras into
 * ffmpeg, then the metadata and the annotation files. Node I/O lives here; everything it calls is pure.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { toJsonl } from '@/core/formats/jsonl'
import { drawStamp } from '@/core/frameStamp'
import { episodeName } from '@/core/time'
import { annotationIndex, annotationReadme, episodeAnnotations } from './annotations'
import type { CameraSpec } from './camera'
import { FRONT_CAMERA, TOP_CAMERA, makeCamera } from './camera'
import { startEncoder } from './encode'
import type { EpisodeDef } from './episodes'
import { demoEpisodes } from './episodes'
import { buildMesh, buildStaticMesh } from './meshes'
import type { CameraMeta } from './meta'
import { dataPath, infoJson, videoPath } from './meta'
import { episodeParquet } from './parquet'
import { makeViewRenderer } from './render'
import type { EpisodeColumns } from './robotData'
import { episodeColumns } from './robotData'
import type { Simulation } from './scene'
import { simulate } from './scene'
import type { FeatureStats } from './stats'
import { ImageStats, episodeStats, imageSampleIndices } from './stats'
import { readTimeline } from './timeline'
import { HOME } from './world'

export const DEMO_FPS = 30
export const DEMO_WIDTH = 256
export const DEMO_HEIGHT = 192

const CAMERAS: (CameraMeta & { spec: CameraSpec })[] = [
  { key: 'observation.images.front', codec: 'av1', spec: FRONT_CAMERA },
  { key: 'observation.images.top', codec: 'h264', spec: TOP_CAMERA },
]

export interface DemoEpisodeSummary {
  index: number
  frames: number
  task: string
  taskIndex: number
  /** Every step of the plan was completed (what a recorder with a success flag would have stored). */
  success: boolean
}

export interface DemoReport {
  dataset: string
  episodes: DemoEpisodeSummary[]
  files: { path: string; bytes: number }[]
  totalBytes: number
}

interface Prepared {
  ep: EpisodeDef
  sim: Simulation
  taskIndex: number
  cols: EpisodeColumns
  success: boolean
}

async function put(root: string, rel: string, data: string | Uint8Array): Promise<void> {
  const path = join(root, rel)
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, data)
}

async function renderEpisode(root: string, ep: EpisodeDef, sim: Simulation): Promise<Map<string, FeatureStats>> {
  const staticMesh = buildStaticMesh()
  const views = CAMERAS.map((c) => {
    const path = join(root, videoPath(ep.index, c.key))
    return {
      key: c.key,
      path,
      renderer: makeViewRenderer(makeCamera(c.spec, DEMO_WIDTH, DEMO_HEIGHT), staticMesh),
      stats: new ImageStats(),
      gop: c.codec === 'h264' && ep.longGop === true ? 250 : 2,
      codec: c.codec,
    }
  })
  for (const v of views) await mkdir(dirname(v.path), { recursive: true })
  const encoders = views.map((v) => startEncoder({ codec: v.codec, gop: v.gop, width: DEMO_WIDTH, height: DEMO_HEIGHT, fps: DEMO_FPS, path: v.path }))
  const sampled = new Set(imageSampleIndices(sim.frames.length))
  let failure: Error | undefined
  try {
    for (const [i, frame] of sim.frames.entries()) {
      const mesh = buildMesh(frame, ep.objects)
      const writes = views.map((v, c) => {
        const raster = v.renderer.render(mesh)
        drawStamp({ data: raster.rgb, width: raster.width, height: raster.height, channels: 3 }, i)
        if (sampled.has(i)) v.stats.add(raster.rgb)
        return encoders[c]!.write(raster.rgb)
      })
      await Promise.all(writes)
    }
  } catch (e) {
    failure = e instanceof Error ? e : new Error('rendering failed')
  }
  // Always let both encoders exit (no orphaned ffmpeg), then report the first error.
  const finished = await Promise.allSettled(encoders.map((e) => e.finish()))
  if (failure instanceof Error) throw failure
  const rejected = finished.find((f) => f.status === 'rejected')
  if (rejected !== undefined) throw rejected.reason instanceof Error ? rejected.reason : new Error(String(rejected.reason))
  return new Map(views.map((v) => [v.key, v.stats.result()]))
}

function listFiles(root: string, dir = root): { path: string; bytes: number }[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => {
      const p = join(dir, e.name)
      return e.isDirectory() ? listFiles(root, p) : [{ path: relative(root, p), bytes: statSync(p).size }]
    })
}

/** The generated folders of a dataset root; anything else there is left alone. */
const GENERATED = ['meta', 'data', 'videos', 'annotation']

/**
 * Write the demo dataset into `outDir` (its basename is the dataset name). Refuses a non-empty folder that
 * is not already a dataset, so a typo cannot wipe unrelated files.
 */
export async function writeDemoDataset(outDir: string, log: (msg: string) => void = () => {}): Promise<DemoReport> {
  const root = resolve(outDir)
  const dataset = basename(root)
  if (existsSync(root) && readdirSync(root).length > 0 && !existsSync(join(root, 'meta', 'info.json'))) {
    throw new Error(`${outDir} is not empty and holds no meta/info.json; refusing to overwrite it`)
  }
  for (const d of GENERATED) await rm(join(root, d), { recursive: true, force: true })
  const episodes = demoEpisodes()
  const tasks = [...new Set(episodes.map((e) => e.task))]
  const prepared: Prepared[] = []
  let indexOffset = 0
  for (const ep of episodes) {
    const sim = simulate(ep.objects, ep.script, { start: HOME, seed: ep.seed })
    const taskIndex = tasks.indexOf(ep.task)
    const cols = episodeColumns(sim.frames, { episodeIndex: ep.index, taskIndex, indexOffset, fps: DEMO_FPS, seed: ep.seed + 1 })
    const timeline = readTimeline(sim, ep.plan.length)
    prepared.push({ ep, sim, taskIndex, cols, success: timeline.steps.every((s) => s.complete !== undefined) })
    indexOffset += sim.frames.length
    await put(root, dataPath(ep.index), await episodeParquet(cols))
    const videoForModels = `/data/lerobot/${dataset}/${videoPath(ep.index, CAMERAS[0]!.key)}`
    const files = episodeAnnotations({ dataset, episode: ep, taskIndex, fps: DEMO_FPS, frames: sim.frames, timeline, videoPath: videoForModels })
    for (const [rel, text] of files) await put(root, rel, text)
  }
  // Two episodes encode at a time, longest first: one SVT-AV1 process alone leaves a core idle.
  const imageStats = new Map<number, Map<string, FeatureStats>>()
  const queue = [...prepared].sort((a, b) => b.sim.frames.length - a.sim.frames.length)
  const lane = async (): Promise<void> => {
    for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
      log(`${episodeName(job.ep.index)}: rendering ${job.sim.frames.length} frames, "${job.ep.task}"`)
      imageStats.set(job.ep.index, await renderEpisode(root, job.ep, job.sim))
    }
  }
  await Promise.all([lane(), lane()])
  const statsLines = prepared.map((p) => episodeStats(p.ep.index, p.cols, imageStats.get(p.ep.index)!))
  const summaries: DemoEpisodeSummary[] = prepared.map((p) => ({
    index: p.ep.index, frames: p.sim.frames.length, task: p.ep.task, taskIndex: p.taskIndex, success: p.success,
  }))
  const info = infoJson({ fps: DEMO_FPS, width: DEMO_WIDTH, height: DEMO_HEIGHT, cameras: CAMERAS, totalEpisodes: episodes.length, totalFrames: indexOffset, totalTasks: tasks.length })
  await put(root, 'meta/info.json', `${JSON.stringify(info, null, 4)}\n`)
  await put(root, 'meta/tasks.jsonl', toJsonl(tasks.map((task, i) => ({ task_index: i, task }))))
  // `success` as recorders with a success flag store it: episode 1's drop is recorded, though its VLM says "done".
  await put(root, 'meta/episodes.jsonl', toJsonl(summaries.map((s) => ({ episode_index: s.index, tasks: [s.task], length: s.frames, success: s.success }))))
  await put(root, 'meta/episodes_stats.jsonl', toJsonl(statsLines))
  await put(root, 'annotation/README.md', annotationReadme(dataset))
  const annotationFiles = listFiles(root, join(root, 'annotation')).map((f) => f.path)
  await put(root, 'annotation/index.json', annotationIndex(annotationFiles))
  const files = GENERATED.filter((d) => existsSync(join(root, d))).flatMap((d) => listFiles(root, join(root, d)))
  return { dataset, episodes: summaries, files, totalBytes: files.reduce((s, f) => s + f.bytes, 0) }
}
