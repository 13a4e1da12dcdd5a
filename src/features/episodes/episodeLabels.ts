/**
 * What the episode list shows about each episode's labels: whether VLM labels and model predictions exist
 * next to the dataset, and the outcome the labels claim. Read in the background, a few episodes at a time,
 * through the same query as the episode pane (`episodeAnnotationOptions`), so opening a scanned episode
 * reuses what the scan read. Datasets beyond `LABEL_SCAN_LIMIT` episodes are not scanned (the list says so).
 */
import type { QueryClient } from '@tanstack/react-query'
import type { EpisodeSummary } from '@/data/DatasetSource'
import { episodeAnnotationOptions } from '@/data/browser/queries'
import type { DatasetRoot } from '@/data/browser/queries'
import type { OutcomeTag } from './episodeFilter'

export const LABEL_SCAN_LIMIT = 2000
const CONCURRENCY = 4

export interface EpisodeLabels {
  hasAnnotations: boolean
  hasPredictions: boolean
  outcome: OutcomeTag
}

/** The labels summary of one episode. */
export async function readEpisodeLabels(client: QueryClient, root: DatasetRoot, episode: EpisodeSummary): Promise<EpisodeLabels> {
  const { doc, file, files } = await client.fetchQuery(episodeAnnotationOptions(root, episode))
  return {
    hasAnnotations: file !== undefined,
    hasPredictions: files.some((f) => f.kind === 'inference'),
    outcome: doc?.outcome.kind ?? 'unknown',
  }
}

/** Reads every episode's labels summary, calling `onResult` as each arrives; stops when `signal` aborts. */
export async function scanEpisodeLabels(
  target: { client: QueryClient; root: DatasetRoot },
  episodes: readonly EpisodeSummary[],
  onResult: (index: number, labels: EpisodeLabels) => void,
  signal: AbortSignal,
): Promise<void> {
  let next = 0
  async function worker() {
    while (!signal.aborted && next < episodes.length) {
      const episode = episodes[next++]!
      try {
        onResult(episode.index, await readEpisodeLabels(target.client, target.root, episode))
      } catch {
        // An unreadable dataset shows as "no labels" here; opening the episode reports the problem in full.
        onResult(episode.index, { hasAnnotations: false, hasPredictions: false, outcome: 'unknown' })
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
}
