/**
 * The episode list's data, as a store per open dataset: summaries read page by page as rows scroll into view
 * (a 400,000-episode dataset shows its first rows after reading a few kilobytes), and a full background scan
 * when a filter or sort needs every row, then each episode's labels. Rows sit in one array owned by the store
 * (copying 400,000 rows per page would cost more than the page); `version` counts changes to it, so a
 * component that subscribes to `version` re-reads the rows exactly when they changed.
 */
import { createStore } from 'zustand/vanilla'
import type { QueryClient } from '@tanstack/react-query'
import type { DatasetSource, EpisodeSummary } from '@/data/DatasetSource'
import { episodesPageOptions } from '@/data/browser/queries'
import type { DatasetRoot } from '@/data/browser/queries'
import type { EpisodeRow } from './episodeFilter'
import { LABEL_SCAN_LIMIT, scanEpisodeLabels } from './episodeLabels'

const PAGE = 256

export interface ScanState {
  state: 'idle' | 'scanning' | 'done' | 'error'
  done: number
  total: number
  message?: string
}

export interface EpisodeIndexState {
  count: number
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
  /** Stop background work (the list went away). */
  stop: () => void
}

function toRow(s: EpisodeSummary): EpisodeRow {
  return {
    index: s.index, name: s.name, length: s.length, task: s.task, status: 'unreviewed', outcome: 'unknown',
    hasAnnotations: s.hasAnnotations, hasPredictions: undefined,
  }
}

function placeholder(i: number): EpisodeRow {
  return {
    index: i, name: `episode_${String(i).padStart(6, '0')}`, length: undefined, task: undefined, status: 'unreviewed',
    outcome: 'unknown', hasAnnotations: undefined, hasPredictions: undefined,
  }
}

/** The index of one dataset, read through the query client's dataset queries. */
export function createEpisodeIndexStore({ root, source, client }: { root: DatasetRoot; source: DatasetSource; client: QueryClient }) {
  let rows: (EpisodeRow | undefined)[] = []
  const pages = new Set<number>()
  let abort: AbortController | undefined

  return createStore<EpisodeIndexState>()((set, get) => {
    const changed = () => set((s) => ({ version: s.version + 1 }))
    return {
      count: source.episodeCount,
      version: 0,
      scan: { state: 'idle', done: 0, total: source.episodeCount },
      row: (i) => rows[i] ?? placeholder(i),
      allRows: () => Array.from({ length: get().count }, (_, i) => rows[i] ?? placeholder(i)),
      ensure(start, end) {
        for (let p = Math.floor(start / PAGE); p * PAGE < end; p++) {
          if (pages.has(p)) continue
          pages.add(p)
          const first = p * PAGE
          client.fetchQuery(episodesPageOptions(root, first, Math.min((p + 1) * PAGE, source.episodeCount))).then((list) => {
            for (const s of list) rows[s.index] = rows[s.index] ?? toRow(s)
            changed()
          }, () => {
            pages.delete(p)
          })
        }
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
          for (const s of result.episodes) next[s.index] = toRow(s)
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
      stop() {
        abort?.abort()
        abort = undefined
      },
    }
  })
}

export type EpisodeIndexStore = ReturnType<typeof createEpisodeIndexStore>
