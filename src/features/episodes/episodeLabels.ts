/**
 * What the episode list shows about each episode's labels: whether VLM labels and model predictions exist
 * next to the dataset, and the outcome the labels claim. Read in the background, a few episodes at a time,
 * through the same query as the episode pane (`episodeAnnotationOptions`), so opening a scanned episode
 * reuses what the scan read. Datasets beyond `LABEL_SCAN_LIMIT` episodes are not scanned (the list says so).
 */
import type { QueryClient } from '@tanstack/react-query'
import type { EpisodeSummary } from '@/data/DatasetSource'
import type { AnnotationDoc } from '@/core/annotation'
import { docProgress } from '@/core/docProgress'
import { disagreementWithPredictions } from '@/core/reviewQueue'
import type { EpisodePredictions } from '@/data/annotations/episodePredictions'
import { episodeAnnotationOptions, episodePredictionsOptions } from '@/data/browser/queries'
import { problemsOf } from '@/stores/annotationDerived'
import type { DatasetRoot } from '@/data/browser/queries'
import type { OutcomeTag } from './episodeFilter'

export const LABEL_SCAN_LIMIT = 2000
const CONCURRENCY = 4

export interface EpisodeLabels {
  hasAnnotations: boolean
  hasPredictions: boolean
  outcome: OutcomeTag
  /** What the review queue orders by (`core/reviewQueue.ts`); absent without labels. */
  problemCount?: number
  shortestSegment?: number
  disagreement?: number
}

/**
 * The queue's facts about a proposal: its problems, its shortest step, and how far its target is from the
 * models' predictions. The target here spreads each step's budget by time (no visual change): ranking thousands
 * of episodes must not decode their video, and the budgets, which the VLM's boundaries decide, dominate the gap.
 */
export function queueFacts(doc: AnnotationDoc, predictions: EpisodePredictions | undefined): Pick<EpisodeLabels, 'problemCount' | 'shortestSegment' | 'disagreement'> {
  const proposal = doc.provenance.proposal === undefined ? doc : { ...doc, ...doc.provenance.proposal }
  const steps = proposal.segments.filter((s) => s.kind === 'step')
  const facts: Pick<EpisodeLabels, 'problemCount' | 'shortestSegment' | 'disagreement'> = {
    problemCount: problemsOf(proposal).length,
    shortestSegment: steps.length === 0 ? 0 : Math.min(...steps.map((s) => s.end - s.start)),
  }
  if (predictions !== undefined && predictions.curves.length > 0) {
    const target = docProgress(proposal, new Float64Array(Math.max(0, proposal.frameCount - 1)).fill(1)).progress
    const gaps = predictions.curves.map((c) => disagreementWithPredictions(target, c.frames.map((f) => ({ frame: f.frameIndex, progress: f.progress }))))
    const known = gaps.filter((g) => g !== undefined)
    if (known.length > 0) facts.disagreement = Math.max(...known)
  }
  return facts
}

/** The labels summary of one episode. */
export async function readEpisodeLabels(client: QueryClient, root: DatasetRoot, episode: EpisodeSummary): Promise<EpisodeLabels> {
  const { doc, file, files } = await client.fetchQuery(episodeAnnotationOptions(root, episode))
  const hasPredictions = files.some((f) => f.kind === 'inference')
  const predictions = doc !== undefined && hasPredictions ? await client.fetchQuery(episodePredictionsOptions(root, episode)) : undefined
  return {
    hasAnnotations: file !== undefined,
    hasPredictions,
    outcome: doc?.outcome.kind ?? 'unknown',
    ...(doc === undefined ? {} : queueFacts(doc, predictions)),
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
