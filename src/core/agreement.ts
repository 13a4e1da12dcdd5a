/**
 * Agreement between annotators: two or more people (or models) label the same episodes; how far do they agree?
 * Episodes are matched by (dataset, episode); every pair of annotators of an episode is compared
 * (`agreement/pairAgreement.ts`); an episode's numbers are means over its pairs, the overall numbers pool every
 * pair of every episode. docs/agreement.md gives every definition and the CLI, `proclens agree`.
 */
import type { AnnotationDoc } from './annotation'
import type { PairAgreement } from './agreement/pairAgreement'
import { pairAgreement } from './agreement/pairAgreement'
import { ProblemLog } from './problems'
import type { Problem } from './problems'

/**
 * Boundaries within 5 frames of each other agree (1/6 s at 30 fps): where a grasp or a release begins is
 * ambiguous over a few frames, and careful annotators still differ by that much; docs/agreement.md says more.
 */
export const DEFAULT_TOLERANCE = 5

/** One annotator's documents, by the annotator's name. */
export interface AnnotatorDocs {
  name: string
  docs: readonly AnnotationDoc[]
}

export interface EpisodeKey {
  dataset: string
  episode: string
}

/** One episode: its pairs, and the means over them (the budget means over the pairs that share a step). */
export interface EpisodeAgreement extends EpisodeKey {
  frameCount: number
  /** The annotators compared, in input order. */
  annotators: string[]
  pairs: PairAgreement[]
  boundaryF1: number
  labelAgreement: number
  /** The fraction of pairs whose outcomes agree (0 or 1 for two annotators). */
  outcomeAgreement: number
  budgetMeanAbsDifference?: number
  /** The largest |share difference| of any step in any pair. */
  budgetMaxAbsDifference?: number
  /** The largest cutoff difference of any pair where both say `not-done`. */
  cutoffDifference?: number
  /** Budgeted steps without a partner, summed over the pairs. */
  unmatchedSteps: number
}

/** Every pair of every episode, pooled. */
export interface OverallAgreement {
  episodes: number
  pairs: number
  /** Micro-averaged: 2ΣTP / (2ΣTP + ΣonlyA + ΣonlyB); 1 when no pair has a boundary. */
  boundaryF1: number
  /** Σ |a − b| / ΣTP over matched boundaries, in frames; absent when nothing matched. */
  boundaryMeanError?: number
  /** Agreeing frames / frames compared: a mean over pairs weighted by frames. */
  labelAgreement: number
  outcomeAgreement: number
  /** Mean and max of |share difference| over every shared step of every pair. */
  budgetMeanAbsDifference?: number
  budgetMaxAbsDifference?: number
}

export interface AgreementReport {
  /** Unique names, in input order. */
  annotators: string[]
  tolerance: number
  /** Sorted by dataset, then episode (numbers in names compared as numbers). */
  episodes: EpisodeAgreement[]
  /** Absent when no episode had two annotators to compare. */
  overall?: OverallAgreement
  /** Episodes only one annotator labelled. */
  unmatched: (EpisodeKey & { annotator: string })[]
  /** Episodes with two or more annotators but no pair of the same frame count. */
  skipped: EpisodeKey[]
  problems: Problem[]
}

/** Names made unique in order: a second `alice` becomes `alice (2)`. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>()
  return names.map((name) => {
    let candidate = name
    for (let k = 2; seen.has(candidate); k++) candidate = `${name} (${k})`
    seen.add(candidate)
    return candidate
  })
}

const keyOf = (d: EpisodeKey): string => JSON.stringify([d.dataset, d.episode])
const collator = new Intl.Collator('en', { numeric: true })
const mean = (xs: readonly number[]): number | undefined => (xs.length === 0 ? undefined : xs.reduce((a, b) => a + b, 0) / xs.length)
const maxOf = (xs: readonly number[]): number | undefined => (xs.length === 0 ? undefined : Math.max(...xs))
const defined = (xs: readonly (number | undefined)[]): number[] => xs.filter((x): x is number => x !== undefined)

/** Each annotator's document per episode key; a second record of an episode replaces the first, with a warning. */
function byEpisode(annotators: readonly AnnotatorDocs[], names: readonly string[], log: ProblemLog): Map<string, Map<string, AnnotationDoc>> {
  const out = new Map<string, Map<string, AnnotationDoc>>()
  annotators.forEach((a, i) => {
    const name = names[i] as string
    for (const doc of a.docs) {
      const key = keyOf(doc)
      const docs = out.get(key) ?? new Map<string, AnnotationDoc>()
      if (docs.has(name)) log.warn('duplicate-episode', `${name} labelled this episode twice; the later record is used`, { episode: doc.episode })
      docs.set(name, doc)
      out.set(key, docs)
    }
  })
  return out
}

/** The pairs of one episode with the same frame count; a mismatch is reported once per episode. */
function comparablePairs(docs: Map<string, AnnotationDoc>, tolerance: number, log: ProblemLog): PairAgreement[] {
  const entries = [...docs.entries()].map(([name, doc]) => ({ name, doc }))
  const pairs: PairAgreement[] = []
  let mismatch = false
  entries.forEach((a, i) => {
    for (const b of entries.slice(i + 1)) {
      if (a.doc.frameCount === b.doc.frameCount) pairs.push(pairAgreement(a, b, tolerance))
      else mismatch = true
    }
  })
  if (mismatch) {
    const counts = entries.map((e) => `${e.name} ${e.doc.frameCount}`).join(', ')
    log.warn('frame-count-mismatch', `the annotators' frame counts differ (${counts}); only annotations of the same length are compared`, { episode: entries[0]?.doc.episode ?? '' })
  }
  return pairs
}

function episodeAgreement(key: EpisodeKey, docs: Map<string, AnnotationDoc>, pairs: PairAgreement[]): EpisodeAgreement {
  const compared = new Set(pairs.flatMap((p) => [p.a, p.b]))
  const episode: EpisodeAgreement = {
    ...key,
    frameCount: pairs[0]?.labels.frames ?? 0,
    annotators: [...docs.keys()].filter((n) => compared.has(n)),
    pairs,
    boundaryF1: mean(pairs.map((p) => p.boundaries.f1)) ?? 0,
    labelAgreement: mean(pairs.map((p) => p.labels.rate)) ?? 0,
    outcomeAgreement: pairs.filter((p) => p.outcome.agree).length / pairs.length,
    unmatchedSteps: pairs.reduce((n, p) => n + p.budgets.onlyA.length + p.budgets.onlyB.length, 0),
  }
  const budgetMean = mean(defined(pairs.map((p) => p.budgets.meanAbsDifference)))
  const budgetMax = maxOf(defined(pairs.map((p) => p.budgets.maxAbsDifference)))
  const cutoff = maxOf(defined(pairs.map((p) => p.outcome.cutoffDifference)))
  if (budgetMean !== undefined) episode.budgetMeanAbsDifference = budgetMean
  if (budgetMax !== undefined) episode.budgetMaxAbsDifference = budgetMax
  if (cutoff !== undefined) episode.cutoffDifference = cutoff
  return episode
}

function overallAgreement(episodes: readonly EpisodeAgreement[]): OverallAgreement | undefined {
  const pairs = episodes.flatMap((e) => e.pairs)
  if (pairs.length === 0) return undefined
  const sum = (f: (p: PairAgreement) => number): number => pairs.reduce((n, p) => n + f(p), 0)
  const matched = sum((p) => p.boundaries.matched)
  const unmatched = sum((p) => p.boundaries.onlyA + p.boundaries.onlyB)
  const shareDifferences = pairs.flatMap((p) => p.budgets.steps.map((s) => Math.abs(s.difference)))
  const overall: OverallAgreement = {
    episodes: episodes.length,
    pairs: pairs.length,
    boundaryF1: matched + unmatched === 0 ? 1 : (2 * matched) / (2 * matched + unmatched),
    labelAgreement: sum((p) => p.labels.agree) / sum((p) => p.labels.frames),
    outcomeAgreement: pairs.filter((p) => p.outcome.agree).length / pairs.length,
  }
  if (matched > 0) overall.boundaryMeanError = sum((p) => p.boundaries.errorSum) / matched
  const budgetMean = mean(shareDifferences)
  const budgetMax = maxOf(shareDifferences)
  if (budgetMean !== undefined) overall.budgetMeanAbsDifference = budgetMean
  if (budgetMax !== undefined) overall.budgetMaxAbsDifference = budgetMax
  return overall
}

/**
 * Compare annotators episode by episode. `tolerance` is in frames (default {@link DEFAULT_TOLERANCE}). Never
 * throws; what could not be compared is listed (`unmatched`, `skipped`) and reported as warnings.
 */
export function compareAnnotators(annotators: readonly AnnotatorDocs[], options: { tolerance?: number } = {}): AgreementReport {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE
  const names = uniqueNames(annotators.map((a) => a.name))
  const log = new ProblemLog()
  const grouped = byEpisode(annotators, names, log)
  const keys = [...grouped.entries()].map(([key, docs]) => {
    const first = docs.values().next().value as AnnotationDoc
    return { key, episode: { dataset: first.dataset, episode: first.episode }, docs }
  }).sort((x, y) => {
    const byDataset = collator.compare(x.episode.dataset, y.episode.dataset)
    return byDataset !== 0 ? byDataset : collator.compare(x.episode.episode, y.episode.episode)
  })

  const episodes: EpisodeAgreement[] = []
  const unmatched: AgreementReport['unmatched'] = []
  const skipped: EpisodeKey[] = []
  for (const { episode, docs } of keys) {
    if (docs.size < 2) {
      const annotator = [...docs.keys()][0] as string
      unmatched.push({ ...episode, annotator })
      log.warn('unmatched-episode', `only ${annotator} labelled this episode; not compared`, { episode: episode.episode })
      continue
    }
    const pairs = comparablePairs(docs, tolerance, log)
    if (pairs.length === 0) skipped.push(episode)
    else episodes.push(episodeAgreement(episode, docs, pairs))
  }
  const overall = overallAgreement(episodes)
  return { annotators: names, tolerance, episodes, ...(overall === undefined ? {} : { overall }), unmatched, skipped, problems: log.problems }
}
