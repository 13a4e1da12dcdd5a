/**
 * The episode list's data, as a store per open dataset: summaries read page by page as rows scroll into view
 * (a 400,000-episode dataset shows its first rows after reading a few kilobytes), and a full background scan
 * when a filter or sort needs every row, then each episode's labels. Rows sit in one array owned by the store
 * (copying 400,000 rows per page would cost more than the page); `version` counts changes to it, so a
 * component that subscribes to `version` re-reads the rows exactly when they changed.
 */
import { createStore } from 'zustand/vanilla'
import type { QueryClient } from '@tanstack/react-query'
import type { DatasetSource, EpisodePresence, EpisodeSummary } from '@/data/DatasetSource'
import { episodesPageOptions, presenceOptions } from '@/data/browser/queries'
import { availabilityOf, isPlayable } from '@/data/presence'
import type { DatasetRoot } from '@/data/browser/queries'
import type { EpisodeRow } from './episodeFilter'
import { LABEL_SCAN_LIMIT, scanEpisodeLabels } from './episodeLabels'

const PAGE = 256
/** Episodes whose files are checked per query: over plain HTTP each costs a HEAD per file. */
export const PRESENCE_PAGE = 32
/**
 * Datasets up to this size have every episode's files checked in the background; larger ones only the rows
 * shown, unless a files filter asks for all (a server without listings answers a HEAD per file, and a hub
 * should not get a hundred thousand of them unasked).
 */
export const EAGER_PRESENCE_LIMIT = 512

export interface ScanState {
  state: 'idle' | 'scanning' | 'done' | 'error'
  done: number
  total: number
  message?: string
}

/** What the list knows of its episodes' files so far. */
export interface FilesSummary {
  /** Episodes whose presence has been checked. */
  checked: number
  playable: number
  missing: number
}

export interface EpisodeIndexState {
  count: number
  files: FilesSummary
  /** Bumped whenever rows change. */
  version: number
  scan: ScanState
  /** The row at `i`, or a placeholder while its page loads. */
  row: (i: number) => EpisodeRow
  /** Every row (placeholders where unknown); built on demand for filtering. */
  allRows: () => EpisodeRow[]
  /** Load the pages covering `[start, end)` if they are not loaded or loading. */
  ensure: (start: number, end: number) => void
  /** Read the whole index, then every episode's labels (once; again after `stop`). */
  startScan: () => void
  /** Check every episode's files, a page at a time, in the background (once; again after `stop`). */
  checkAllFiles: () => void
  /** None of the episode's files exist (checked): "next episode" skips it. */
  isMissing: (index: number) => boolean
  /** Stop background work (the list went away). */
  stop: () => void
}

type FilesMark = Pick<EpisodeRow, 'availability' | 'playable' | 'absent'>

const UNCHECKED: FilesMark = { availability: undefined, playable: undefined, absent: undefined }

function filesMark(p: EpisodePresence): FilesMark {
  return { availability: availabilityOf(p), playable: isPlayable(p), absent: p.absent }
}

function toRow(s: EpisodeSummary, files: FilesMark = UNCHECKED): EpisodeRow {
  return {
    index: s.index, name: s.name, length: s.length, task: s.task, status: 'unreviewed', outcome: 'unknown',
    hasAnnotations: s.hasAnnotations, hasPredictions: undefined, datasetOutcome: s.outcome, ...files,
  }
}

function placeholder(i: number, files: FilesMark = UNCHECKED): EpisodeRow {
  return {
    index: i, name: `episode_${String(i).padStart(6, '0')}`, length: undefined, task: undefined, status: 'unreviewed',
    outcome: 'unknown', hasAnnotations: undefined, hasPredictions: undefined, datasetOutcome: undefined, ...files,
  }
}

/** The index of one dataset, read through the query client's dataset queries. */
export function createEpisodeIndexStore({ root, source, client }: { root: DatasetRoot; source: DatasetSource; client: QueryClient }) {
  let rows: (EpisodeRow | undefined)[] = []
  // Presence is kept apart from the rows: it can arrive before an episode's summary, and must survive the
  // rows being rebuilt by the scan.
  const files = new Map<number, FilesMark>()
  const pages = new Set<number>()
  const presencePages = new Set<number>()
  let abort: AbortController | undefined
  let filesAbort: AbortController | undefined

  return createStore<EpisodeIndexState>()((set, get) => {
    const changed = () => set((s) => ({ version: s.version + 1 }))
    const summarize = (): FilesSummary => {
      let playable = 0
      let missing = 0
      for (const mark of files.values()) {
        if (mark.playable === true) playable += 1
        if (mark.availability === 'missing') missing += 1
      }
      return { checked: files.size, playable, missing }
    }
    /** Checks the files of the presence pages covering `[start, end)`; resolves when they are all known. */
    const checkFiles = async (start: number, end: number, signal?: AbortSignal): Promise<void> => {
      const last = Math.min(end, get().count)
      for (let p = Math.floor(start / PRESENCE_PAGE); p * PRESENCE_PAGE < last; p++) {
        if (signal?.aborted === true) return
        if (presencePages.has(p)) continue
        presencePages.add(p)
        try {
          const list = await client.fetchQuery(presenceOptions(root, p * PRESENCE_PAGE, Math.min((p + 1) * PRESENCE_PAGE, source.episodeCount)))
          for (const presence of list) {
            const mark = filesMark(presence)
            files.set(presence.index, mark)
            const row = rows[presence.index]
            if (row !== undefined) rows[presence.index] = { ...row, ...mark }
          }
          set((s) => ({ files: summarize(), version: s.version + 1 }))
        } catch {
          // Unchecked episodes are simply not marked (and not skipped); a later view of the page tries again.
          presencePages.delete(p)
        }
      }
    }
    return {
      count: source.episodeCount,
      files: { checked: 0, playable: 0, missing: 0 },
      version: 0,
      scan: { state: 'idle', done: 0, total: source.episodeCount },
      row: (i) => rows[i] ?? placeholder(i, files.get(i)),
      allRows: () => Array.from({ length: get().count }, (_, i) => rows[i] ?? placeholder(i, files.get(i))),
      isMissing: (i) => files.get(i)?.availability === 'missing',
      ensure(start, end) {
        for (let p = Math.floor(start / PAGE); p * PAGE < end; p++) {
          if (pages.has(p)) continue
          pages.add(p)
          const first = p * PAGE
          client.fetchQuery(episodesPageOptions(root, first, Math.min((p + 1) * PAGE, source.episodeCount))).then((list) => {
            for (const s of list) rows[s.index] = rows[s.index] ?? toRow(s, files.get(s.index))
            changed()
          }, () => {
            pages.delete(p)
          })
        }
        void checkFiles(start, end)
      },
      startScan() {
        if (abort !== undefined) return
        const controller = new AbortController()
        abort = controller
        // The scan reports progress as it goes, which a query function cannot, so it calls the source directly.
        set({ scan: { state: 'scanning', done: 0, total: source.episodeCount } })
        source.scanAllEpisodes((p) => set({ scan: { state: 'scanning', done: p.done, total: p.total } }), controller.signal).then((result) => {
          if (controller.signal.aborted) return
          const next: (EpisodeRow | undefined)[] = []
          for (const s of result.episodes) next[s.index] = toRow(s, files.get(s.index))
          rows = next
          set((s) => ({
            count: Math.max(result.episodeCount, next.length),
            scan: { state: 'done', done: result.episodeCount, total: result.episodeCount },
            version: s.version + 1,
          }))
          if (result.episodes.length > LABEL_SCAN_LIMIT) return
          // Then the labels next to each episode, for the outcome and presence columns and filters.
          let pending = 0
          void scanEpisodeLabels({ client, root }, result.episodes, (index, labels) => {
            const row = rows[index]
            if (row !== undefined) rows[index] = { ...row, ...labels }
            // Batch re-renders: one per 16 results, and one at the end.
            if (++pending % 16 === 0 || pending === result.episodes.length) changed()
          }, controller.signal)
        }, (e: unknown) => {
          if (controller.signal.aborted) return
          set({ scan: { state: 'error', done: 0, total: source.episodeCount, message: e instanceof Error ? e.message : String(e) } })
        })
      },
      checkAllFiles() {
        if (filesAbort !== undefined) return
        filesAbort = new AbortController()
        void checkFiles(0, get().count, filesAbort.signal)
      },
      stop() {
        abort?.abort()
        abort = undefined
        filesAbort?.abort()
        filesAbort = undefined
      },
    }
  })
}

export type EpisodeIndexStore = ReturnType<typeof createEpisodeIndexStore>
