/**
 * The app's episodes for an export, in index order: the saved correction where there is one (with its edit
 * log), else the VLM's proposal as the editor would open it (the one route, `episodeAnnotationOptions`); the
 * review from IndexedDB. Episodes with neither a correction nor labels are skipped and counted.
 */
import type { QueryClient } from '@tanstack/react-query'
import type { EpisodeRecord } from '@/core/formats/records'
import type { Problem } from '@/core/problems'
import type { DatasetSource } from '../DatasetSource'
import type { ProcLensDb } from './db'
import { reviewStates } from './db'
import type { DatasetRoot } from './queries'
import { episodeAnnotationOptions } from './queries'
import { historyToRecord } from './recordHistory'
import { loadHistory } from './savedHistory'

export interface ExportScope {
  client: QueryClient
  database: ProcLensDb
  root: DatasetRoot
  source: DatasetSource
  /** The dataset's identity in storage (`datasetIdentity`). */
  identity: string
  /** Which episodes, by index, in order. */
  indices: readonly number[]
}

const PAGE = 256

/** The episodes of `scope`; `problems` collects what could not be exported (once per call). */
export async function* browserEpisodes(scope: ExportScope, problems: Problem[]): AsyncIterable<EpisodeRecord> {
  const { client, database, root, source, identity } = scope
  const reviews = await reviewStates(database, identity)
  for (let at = 0; at < scope.indices.length; at += PAGE) {
    const batch = scope.indices.slice(at, at + PAGE)
    // The batch's summaries in one read: from its lowest index to its highest, whatever order it is in.
    const first = Math.min(...batch)
    const last = Math.max(...batch)
    const summaries = new Map((await source.listEpisodes(first, last + 1)).map((s) => [s.index, s]))
    for (const index of batch) {
      const review = reviews.get(index)
      const saved = await loadHistory(database, { dataset: identity, episode: index })
      if (saved !== undefined) {
        problems.push(...saved.problems)
        const record: EpisodeRecord = { doc: { ...saved.history.present, dataset: source.name }, history: historyToRecord(saved.history) }
        if (review !== undefined) record.review = review
        yield record
        continue
      }
      const summary = summaries.get(index)
      if (summary === undefined) {
        problems.push({ severity: 'error', kind: 'no-such-episode', message: `the dataset has no episode ${index}`, episode: index })
        continue
      }
      const found = await client.fetchQuery(episodeAnnotationOptions(root, summary))
      if (found.doc === undefined) {
        problems.push({ severity: 'warning', kind: 'no-labels', message: 'no labels and no correction; skipped', episode: summary.name })
        continue
      }
      const record: EpisodeRecord = { doc: { ...found.doc, dataset: source.name } }
      if (review !== undefined) record.review = review
      yield record
    }
  }
}
