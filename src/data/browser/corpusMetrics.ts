/**
 * The corpus view's data: every episode with model predictions, scored per model against its target by the
 * core (`episodeScores`, the CLI's pairing). The target is what the editor would show: the saved correction
 * where there is one, else the proposal, through `docProgress`. Its similarities come from the visual change
 * cache when this browser already hashed the reference camera; otherwise each step's budget is spread by time
 * (constant similarities): hashing a whole corpus here would decode every video. Each row says which.
 */
import type { QueryClient } from '@tanstack/react-query'
import Dexie from 'dexie'
import { docProgress } from '@/core/docProgress'
import { episodeScores } from '@/core/metrics/episodeScores'
import type { CorpusScoreRow } from '@/core/metrics/corpusScores'
import type { Problem } from '@/core/problems'
import { referenceCamera } from '@/core/referenceCamera'
import { similaritiesFromHashes } from '@/core/similarities'
import type { EpisodeSummary } from '../DatasetSource'
import type { ProcLensDb } from './db'
import type { DatasetRoot } from './queries'
import { ensureDataset, episodeAnnotationOptions, episodeOptions, episodePredictionsOptions } from './queries'
import { loadHistory } from './savedHistory'
import { mediaIdentity, readCachedHashes } from './visualChange/visualChangeCache'

/** One episode × model curve (the core's row type, so the table and the CSV read it directly). */
export type CorpusMetricsRow = CorpusScoreRow

export interface CorpusMetricsScope {
  client: QueryClient
  database: ProcLensDb
  root: DatasetRoot
  /** The dataset's identity in storage (`datasetIdentity`). */
  identity: string
  /** Episodes read at once (default 4): enough to overlap file reads, few enough not to flood a server. */
  concurrency?: number
  /** Episodes looked at so far, of the dataset's count. */
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
}

export interface CorpusMetricsResult {
  rows: CorpusMetricsRow[]
  problems: Problem[]
}

const PAGE = 256

/** The similarities of a cached visual change, or undefined when this browser never hashed the episode. */
async function cachedSimilarities(scope: CorpusMetricsScope, index: number, frameCount: number): Promise<Float64Array | undefined> {
  const { client, database, root, identity } = scope
  // A look at the cache first: loading the episode (its frame table) only to find nothing cached would cost a read per episode.
  const any = await database.visualChange.where('[dataset+episode+camera]').between([identity, index, Dexie.minKey], [identity, index, Dexie.maxKey]).count()
  if (any === 0) return undefined
  const source = await ensureDataset(client, root)
  const episode = await client.fetchQuery(episodeOptions(root, index))
  const key = referenceCamera(episode.cameras.map((c) => c.key), source.name)?.key
  const camera = episode.cameras.find((c) => c.key === key)
  if (camera === undefined) return undefined
  const media = await mediaIdentity(source, camera)
  const hashes = await readCachedHashes(database, { dataset: identity, episode: index, camera: camera.key }, media, frameCount)
  return hashes === undefined ? undefined : similaritiesFromHashes(hashes.frames)
}

async function scoreEpisode(scope: CorpusMetricsScope, summary: EpisodeSummary, problems: Problem[]): Promise<CorpusMetricsRow[]> {
  const { client, database, root, identity } = scope
  const found = await client.fetchQuery(episodeAnnotationOptions(root, summary))
  if (!found.files.some((f) => f.kind === 'inference')) return []
  const predictions = await client.fetchQuery(episodePredictionsOptions(root, summary))
  problems.push(...predictions.problems)
  const saved = await loadHistory(database, { dataset: identity, episode: summary.index })
  const doc = saved?.history.present ?? found.doc
  if (doc === undefined) {
    problems.push({ severity: 'warning', kind: 'no-target', message: 'predictions but no labels and no correction: nothing to score against', episode: summary.name })
    return []
  }
  const hashed = await cachedSimilarities(scope, summary.index, doc.frameCount).catch(() => undefined)
  const similarities = hashed ?? new Float64Array(Math.max(0, doc.frameCount - 1)).fill(1)
  const target = docProgress(doc, similarities).progress
  return predictions.curves.map((curve) => ({
    index: summary.index,
    name: summary.name,
    model: curve.name,
    scores: episodeScores(curve.frames.map((f) => ({ frame: f.frameIndex, progress: f.progress })), target, doc.outcome),
    targetKind: hashed === undefined ? 'time' : 'hashed',
    corrected: saved !== undefined,
  }))
}

/**
 * Scores every episode of the dataset that has predictions, `concurrency` at a time, rows in episode order.
 * Rejects with the signal's reason when aborted.
 */
export async function loadCorpusMetrics(scope: CorpusMetricsScope): Promise<CorpusMetricsResult> {
  const source = await ensureDataset(scope.client, scope.root)
  const total = source.episodeCount
  const byIndex = new Map<number, CorpusMetricsRow[]>()
  const problems: Problem[] = []
  let done = 0
  scope.onProgress?.(0, total)
  for (let at = 0; at < total; at += PAGE) {
    scope.signal?.throwIfAborted()
    const queue = await source.listEpisodes(at, Math.min(total, at + PAGE))
    const worker = async (): Promise<void> => {
      for (let summary = queue.shift(); summary !== undefined; summary = queue.shift()) {
        scope.signal?.throwIfAborted()
        byIndex.set(summary.index, await scoreEpisode(scope, summary, problems).catch((e: unknown) => {
          // One unreadable episode is a problem of that episode; the rest are still scored.
          scope.signal?.throwIfAborted()
          problems.push({ severity: 'error', kind: 'episode-unreadable', message: e instanceof Error ? e.message : String(e), episode: summary.name })
          return []
        }))
        done += 1
        scope.onProgress?.(done, total)
      }
    }
    await Promise.all(Array.from({ length: Math.max(1, scope.concurrency ?? 4) }, worker))
  }
  const rows = [...byIndex].sort(([a], [b]) => a - b).flatMap(([, r]) => r)
  return { rows, problems }
}
