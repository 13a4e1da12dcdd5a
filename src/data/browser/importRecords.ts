/**
 * Importing ProcLens records into this browser: each record's document and edit log become the episode's
 * saved history (as if edited here), and its review the episode's review. What was saved here for those
 * episodes is replaced; everything else stays. Records of another dataset are refused by name.
 */
import type { AnnotationDoc } from '@/core/annotation'
import type { EpisodeRecord } from '@/core/formats/records'
import { structurallyEqual } from '@/core/history'
import type { Problem } from '@/core/problems'
import type { ProcLensDb } from './db'
import { setReviewStatus } from './db'
import { recordToHistory } from './recordHistory'
import { forgetHistory, HistorySaver } from './savedHistory'

export interface ImportResult {
  imported: number
  /** Episodes whose saved work here was replaced. */
  replaced: number
  problems: Problem[]
}

export interface ImportTarget {
  identity: string
  datasetName: string
  episodeCount: number
  /**
   * The dataset's own labels for an episode, as the editor opens them. A record without an edit log whose
   * document equals them is the untouched proposal: importing it leaves no saved history behind (as on the
   * machine that exported it); any other document is saved as a correction.
   */
  proposal: (index: number) => Promise<AnnotationDoc | undefined>
}

export async function importRecords(database: ProcLensDb, target: ImportTarget, records: readonly EpisodeRecord[]): Promise<ImportResult> {
  const problems: Problem[] = []
  let imported = 0
  let replaced = 0
  for (const record of records) {
    const { doc } = record
    if (doc.dataset !== target.datasetName) {
      problems.push({ severity: 'error', kind: 'other-dataset', message: `record of dataset "${doc.dataset}", the open dataset is "${target.datasetName}"; skipped`, episode: doc.episode })
      continue
    }
    if (doc.episodeIndex >= target.episodeCount) {
      problems.push({ severity: 'error', kind: 'no-such-episode', message: `the open dataset has no episode ${doc.episodeIndex}; skipped`, episode: doc.episode })
      continue
    }
    const key = { dataset: target.identity, episode: doc.episodeIndex }
    const head = await database.heads.get([key.dataset, key.episode])
    if (head !== undefined) replaced++
    const proposal = record.history === undefined ? await target.proposal(doc.episodeIndex) : undefined
    if (proposal !== undefined && structurallyEqual({ ...proposal, dataset: doc.dataset }, doc)) {
      await forgetHistory(database, key)
    } else {
      const saver = new HistorySaver(database, key, 'import')
      if (head !== undefined) saver.adoptRevision(head.revision)
      await saver.save(recordToHistory(doc, record.history))
    }
    const review = record.review
    // Exactly the record's review: nothing of the one here (reason, reviewer, start) carries over.
    await database.reviews.delete([key.dataset, key.episode])
    await setReviewStatus(database, {
      ...key,
      status: review?.status ?? 'unreviewed',
      ...(review?.reason !== undefined ? { reason: review.reason } : {}),
      ...(review?.reviewer !== undefined ? { reviewer: review.reviewer } : {}),
      ...(review?.startedAt !== undefined ? { startedAt: review.startedAt } : {}),
      ...(review?.updatedAt !== undefined ? { at: review.updatedAt } : {}),
    })
    imported++
  }
  return { imported, replaced, problems }
}
