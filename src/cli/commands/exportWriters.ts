/**
 * The CLI's writers for the formats that need more than documents:
 * - ProcVQA: the reference camera's frame hashes for the similarities the target needs (from the pHash sidecar
 *   when one matches the video, else decoded with ffmpeg and hashed, as `proclens progress --dataset` does),
 *   then the frames the records show decoded as JPEG. Two passes, so an episode's frames never sit in memory
 *   together.
 * - LeRobot: the dataset's own meta (and data) files, read through its store (`exportLerobot`).
 */
import type { AnnotationDoc } from '../../core/annotation'
import { procvqaEpisode } from '../../core/exports/procvqa'
import { encodeJpeg } from '../../core/image/jpeg'
import type { Problem } from '../../core/problems'
import { ProblemLog } from '../../core/problems'
import { referenceCamera } from '../../core/referenceCamera'
import { similaritiesFromHashes } from '../../core/similarities'
import type { DatasetSource } from '../../data/DatasetSource'
import type { ExportFormat, FormatWriter } from '../../data/exports/runExport'
import { exportLerobot } from '../../data/lerobot/exportLerobot'
import type { FileStore } from '../../data/fileStore'
import { cameraHashes } from '../media/episodeHashes'
import { cameraFrames } from './progressDataset'

export interface WriterContext {
  /** The dataset folder (ffmpeg reads its videos by path). */
  root: string
  source: DatasetSource
  datasetName: string
  seed: number
  camera: string | undefined
  language: boolean
  /** Where pHash sidecars are read from (the dataset's own store by default; src/data/phashSidecar.ts). */
  sidecars?: FileStore
}

function procvqaWriter(context: WriterContext): FormatWriter {
  const { root, source, seed } = context
  return {
    async episode(episode, sink) {
      const doc = episode.doc
      const log = new ProblemLog({ episode: doc.episode })
      const data = await source.loadEpisode(doc.episodeIndex)
      const keys = data.cameras.map((c) => c.key)
      const key = context.camera ?? referenceCamera(keys, source.name)?.key
      const camera = data.cameras.find((c) => c.key === key)
      if (camera === undefined) {
        log.error('no-camera', key === undefined ? 'the episode has no camera media; no ProcVQA records' : `no camera '${key}'; the episode has ${keys.length === 0 ? 'none' : keys.join(', ')}`)
        return log.problems
      }
      const { frames: hashed } = await cameraHashes({ root, store: source.store, sidecars: context.sidecars ?? source.store }, { camera, episodeIndex: doc.episodeIndex, fps: data.fps }, log)
      if (hashed.length === 0) return log.problems
      if (hashed.length !== doc.frameCount) {
        log.error('frame-count-mismatch', `${camera.key} has ${hashed.length} frame(s), the labels ${doc.frameCount}; no ProcVQA records`)
        return log.problems
      }
      const out = procvqaEpisode({ doc, similarities: similaritiesFromHashes(hashed), camera: camera.key, seed })
      const wanted = new Map(out.images.map((i) => [i.frame, i.path]))
      let frame = 0
      for await (const { image } of cameraFrames(root, camera, data.fps)) {
        const path = wanted.get(frame++)
        if (path !== undefined) await sink.write({ path, data: encodeJpeg(image) })
        if (frame > out.images[out.images.length - 1]!.frame) break
      }
      for (const file of out.files) await sink.write(file)
      return [...log.problems, ...out.problems]
    },
  }
}

function lerobotWriter(context: WriterContext): FormatWriter {
  // SARM's columns need every exported episode at once (one row per episode in shared files); documents are small.
  const docs = new Map<number, AnnotationDoc>()
  return {
    episode(episode) {
      docs.set(episode.doc.episodeIndex, episode.doc)
      return Promise.resolve([])
    },
    async finish(sink, report, signal) {
      const problems: Problem[] = await exportLerobot(context.source.store, docs, {
        emit: (file) => sink.write(file),
        language: context.language,
        onProgress: (done, total) => report({ done, total, phase: 'LeRobot files' }),
        ...(signal !== undefined ? { signal } : {}),
      })
      return problems
    },
  }
}

export function cliWriters(formats: readonly ExportFormat[], context: WriterContext): Partial<Record<ExportFormat, FormatWriter>> {
  const writers: Partial<Record<ExportFormat, FormatWriter>> = {}
  if (formats.includes('procvqa')) writers.procvqa = procvqaWriter(context)
  if (formats.includes('lerobot')) writers.lerobot = lerobotWriter(context)
  return writers
}
