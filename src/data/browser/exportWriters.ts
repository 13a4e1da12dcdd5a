/**
 * The app's writers for the formats that need more than documents:
 * - LeRobot: the dataset's own meta (and data) files, read through its store (`exportLerobot`), as the CLI does.
 * - ProcVQA: the reference camera's visual change (the editor's cache, or hashed now in the worker and cached),
 *   then the frames the records show, decoded by the player's own decoders and encoded as JPEG by the core.
 *   The records' sampling and answers come from the same core as the CLI's; the pixels come from the browser's
 *   decoder, the CLI's from ffmpeg, so JPEGs and the odd pHash bit can differ between the two (docs/exports.md).
 */
import type { QueryClient } from '@tanstack/react-query'
import type { AnnotationDoc } from '@/core/annotation'
import { procvqaEpisode } from '@/core/exports/procvqa'
import { encodeJpeg } from '@/core/image/jpeg'
import { ProblemLog } from '@/core/problems'
import { referenceCamera } from '@/core/referenceCamera'
import type { DatasetSource } from '../DatasetSource'
import type { ExportFormat, FormatWriter } from '../exports/runExport'
import { exportLerobot } from '../lerobot/exportLerobot'
import type { ProcLensDb } from './db'
import { framePixels } from './frames/framePixels'
import { openCameraFrames } from './frames/openCameraFrames'
import { PAUSED } from './frames/prefetchWindow'
import type { DatasetRoot } from './queries'
import { episodeOptions, visualChangeOptions } from './queries'

export interface BrowserWriterContext {
  client: QueryClient
  database: ProcLensDb
  root: DatasetRoot
  source: DatasetSource
  identity: string
  seed: number
  language: boolean
}

/** Formats the app cannot write for `source`, and why. */
export function formatAvailability(source: DatasetSource): Partial<Record<ExportFormat, string>> {
  const out: Partial<Record<ExportFormat, string>> = {}
  if (source.format !== 'lerobot-v3.0') out.lerobot = `SARM annotations go into a LeRobot v3.0 dataset; this one is ${source.format}`
  if (typeof OffscreenCanvas === 'undefined') out.procvqa = 'this browser cannot read decoded frames back (no OffscreenCanvas); use `proclens export --format procvqa`'
  return out
}

/** Decoded frames cached per camera while exporting: a handful, since frames are read in order. */
const EXPORT_BUDGET = 64 * 1024 * 1024


function procvqaWriter(context: BrowserWriterContext): FormatWriter {
  const { client, root, source, identity, seed } = context
  return {
    async episode(episode, sink, signal) {
      const doc = episode.doc
      const log = new ProblemLog({ episode: doc.episode })
      const data = await client.fetchQuery(episodeOptions(root, doc.episodeIndex))
      const key = referenceCamera(data.cameras.map((c) => c.key), source.name)?.key
      const camera = data.cameras.find((c) => c.key === key)
      if (camera === undefined) {
        log.error('no-camera', 'the episode has no camera media; no ProcVQA records')
        return log.problems
      }
      const change = await client.fetchQuery(visualChangeOptions({ root, identity, episode: { index: doc.episodeIndex, length: doc.frameCount }, camera }))
      const out = procvqaEpisode({ doc, similarities: change.similarities, camera: camera.key, seed })
      if (out.images.length > 0) {
        const frames = await openCameraFrames(source, camera, { fps: data.fps, budgetBytes: EXPORT_BUDGET })
        if (!frames.ok) {
          log.error('camera-undecodable', `${camera.key} cannot be decoded here (${frames.unsupported.message}); no ProcVQA records`)
          return log.problems
        }
        const decoder = frames.source
        try {
          for (const { frame, path } of out.images) {
            decoder.setPlayhead(frame, PAUSED)
            await decoder.load(frame, signal)
            const image = decoder.peek(frame)
            if (image === undefined) throw new Error(`frame ${frame} of ${camera.key} was not kept after decoding`)
            await sink.write({ path, data: encodeJpeg(framePixels(image, decoder.width, decoder.height)) })
          }
        } finally {
          decoder.dispose()
        }
      }
      for (const file of out.files) await sink.write(file)
      return [...log.problems, ...out.problems]
    },
  }
}

function lerobotWriter(context: BrowserWriterContext): FormatWriter {
  const docs = new Map<number, AnnotationDoc>()
  return {
    episode(episode) {
      docs.set(episode.doc.episodeIndex, episode.doc)
      return Promise.resolve([])
    },
    finish(sink, report, signal) {
      return exportLerobot(context.source.store, docs, {
        emit: (file) => sink.write(file),
        language: context.language,
        onProgress: (done, total) => report({ done, total, phase: 'LeRobot files' }),
        ...(signal !== undefined ? { signal } : {}),
      })
    },
  }
}

export function browserWriters(formats: readonly ExportFormat[], context: BrowserWriterContext): Promise<Partial<Record<ExportFormat, FormatWriter>>> {
  const writers: Partial<Record<ExportFormat, FormatWriter>> = {}
  if (formats.includes('procvqa')) writers.procvqa = procvqaWriter(context)
  if (formats.includes('lerobot')) writers.lerobot = lerobotWriter(context)
  return Promise.resolve(writers)
}
