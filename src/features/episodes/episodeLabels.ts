/**
 * What the episode list shows about each episode's labels: whether VLM labels and model predictions exist
 * next to the dataset, and the outcome the labels claim. Read in the background with a few requests at a
 * time; datasets beyond `LABEL_SCAN_LIMIT` episodes are not scanned (the list says so).
 */
import { importProcCorpus } from '@/core/formats/flatToDoc'
import { importVlmProposal } from '@/core/formats/proposalToDoc'
import type { DatasetSource, EpisodeSummary } from '@/data/DatasetSource'
import type { OutcomeTag } from './episodeFilter'

export const LABEL_SCAN_LIMIT = 2000
const CONCURRENCY = 4

export interface EpisodeLabels {
  hasAnnotations: boolean
  hasPredictions: boolean
  outcome: OutcomeTag
}

/** The labels summary of one episode. */
export async function readEpisodeLabels(source: DatasetSource, episode: EpisodeSummary): Promise<EpisodeLabels> {
  const files = await source.findAnnotations(episode.index)
  const labels = files.find((f) => f.kind === 'vlm-proposal') ?? files.find((f) => f.kind === 'proccorpus')
  const hasPredictions = files.some((f) => f.kind === 'inference')
  if (labels === undefined) return { hasAnnotations: false, hasPredictions, outcome: 'unknown' }
  const text = await source.store.readText(labels.path)
  const options = { file: labels.path, ...(episode.length !== undefined ? { frameCount: episode.length } : {}), fps: source.fps, dataset: source.name, episode: episode.name }
  const { doc } = labels.kind === 'vlm-proposal' ? importVlmProposal(text, options) : importProcCorpus(text, options)
  return { hasAnnotations: true, hasPredictions, outcome: doc?.outcome.kind ?? 'unknown' }
}

/** Reads every episode's labels summary, calling `onResult` as each arrives; stops when `signal` aborts. */
export async function scanEpisodeLabels(
  source: DatasetSource,
  episodes: readonly EpisodeSummary[],
  onResult: (index: number, labels: EpisodeLabels) => void,
  signal: AbortSignal,
): Promise<void> {
  let next = 0
  async function worker() {
    while (!signal.aborted && next < episodes.length) {
      const episode = episodes[next++]!
      try {
        onResult(episode.index, await readEpisodeLabels(source, episode))
      } catch {
        // An unreadable label file shows as "no labels" here; opening the episode reports the problem in full.
        onResult(episode.index, { hasAnnotations: false, hasPredictions: false, outcome: 'unknown' })
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
}
