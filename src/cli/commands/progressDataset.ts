/**
 * `proclens progress --dataset DIR --episode N`: the target of an episode's VLM labels, found and imported by
 * the same route the app takes (`loadEpisodeAnnotation`), computed by the core (`docProgress`) on the frames of
 * the reference camera (ProcVLM's exo rule, `core/referenceCamera.ts`). Nothing here restates a rule.
 */
import type { DocProgressOptions, ProgressProfile } from '../../core/docProgress'
import { docProgress, docRemainingActions } from '../../core/docProgress'
import type { Problem } from '../../core/problems'
import { ProblemLog } from '../../core/problems'
import { referenceCamera } from '../../core/referenceCamera'
import { similaritiesFromHashes } from '../../core/similarities'
import { loadEpisodeAnnotation } from '../../data/annotations/episodeAnnotation'
import { NotADatasetError, openDataset } from '../../data/openDataset'
import { UsageError } from '../command'
import { createNodeFileStore } from '../nodeFileStore'

export interface DatasetArgs {
  mode: 'dataset'
  dataset: string
  episode: number
  camera?: string
  profile: ProgressProfile
  fix: boolean
  json: boolean
  /** A folder holding `.proclens/phash` sidecars (default: the dataset's own, when it has them). */
  phashSidecar?: string
}

/** One output row, whichever way the labels came. */
export interface Row {
  frame_id: number
  sub_task: string | null
  progress: number
  remaining_actions: readonly (string | null)[]
}

export function readDatasetArgs(values: Record<string, string | boolean | undefined>): DatasetArgs {
  for (const flag of ['labels', 'frames', 'cutoff'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} does not go with --dataset (the dataset holds the labels, frames and outcome)`)
  }
  const dataset = values.dataset
  if (typeof dataset !== 'string' || dataset === '') throw new UsageError('--dataset needs a folder')
  const episode = typeof values.episode === 'string' && /^\d+$/.test(values.episode) ? Number(values.episode) : undefined
  if (episode === undefined) throw new UsageError('--episode N (a non-negative whole number) is required with --dataset')
  const profile = values.profile ?? 'annotator'
  if (profile !== 'annotator' && profile !== 'pipeline') throw new UsageError(`--profile is annotator or pipeline, not '${String(profile)}'`)
  const args: DatasetArgs = { mode: 'dataset', dataset, episode, profile, fix: values['fix-remaining-actions'] === true, json: values.json === true }
  if (typeof values.camera === 'string') args.camera = values.camera
  if (typeof values['phash-sidecar'] === 'string') args.phashSidecar = values['phash-sidecar']
  return args
}

export { cameraFrames } from '../media/cameraFrames'
import { cameraHashes } from '../media/episodeHashes'

export async function computeFromDataset(args: DatasetArgs, problems: Problem[]): Promise<Row[]> {
  const log = new ProblemLog({ file: args.dataset, episode: args.episode })
  const done = (rows: Row[]): Row[] => {
    problems.push(...log.problems)
    return rows
  }
  let source
  try {
    source = await openDataset(createNodeFileStore(args.dataset))
  } catch (e) {
    log.error(e instanceof NotADatasetError ? 'not-a-dataset' : 'dataset-unreadable', e instanceof Error ? e.message : String(e))
    return done([])
  }
  const episode = await source.loadEpisode(args.episode)
  problems.push(...episode.problems.filter((p) => p.severity === 'error'))
  const annotation = await loadEpisodeAnnotation(source, episode)
  problems.push(...annotation.problems)
  if (annotation.doc === undefined) {
    if (annotation.file === undefined) log.error('no-labels', `episode ${args.episode} has no VLM labels next to the dataset (docs/datasets.md, annotation files)`)
    return done([])
  }
  const keys = episode.cameras.map((c) => c.key)
  const key = args.camera ?? referenceCamera(keys, source.name)?.key
  const camera = episode.cameras.find((c) => c.key === key)
  if (camera === undefined) {
    log.error('no-camera', key === undefined ? 'the episode has no camera media' : `no camera '${key}'; the episode has ${keys.length === 0 ? 'none' : keys.join(', ')}`)
    return done([])
  }
  console.error(`${source.name} ${episode.name}: labels from ${annotation.file?.path ?? '?'}, frames from ${camera.key}`)
  const sidecars = args.phashSidecar === undefined ? source.store : createNodeFileStore(args.phashSidecar)
  const { frames: hashed, from } = await cameraHashes({ root: args.dataset, store: source.store, sidecars }, { camera, episodeIndex: episode.index, fps: episode.fps }, log)
  if (from === 'sidecar') console.error(`${camera.key}: frame hashes from the pHash sidecar (no decoding)`)
  if (hashed.length === 0) return done([])
  if (hashed.length !== annotation.doc.frameCount) {
    log.warn('frame-count-mismatch', `${camera.key} has ${hashed.length} frame(s), the episode ${annotation.doc.frameCount}; missing similarities count as 1.0`)
  }
  const options: DocProgressOptions = { profile: args.profile }
  const target = docProgress(annotation.doc, similaritiesFromHashes(hashed), options)
  const remaining = docRemainingActions(annotation.doc, { ...options, fix: args.fix })
  return done(target.labels.map((sub_task, i) => ({ frame_id: i, sub_task, progress: target.progress[i]!, remaining_actions: remaining[i]! })))
}
