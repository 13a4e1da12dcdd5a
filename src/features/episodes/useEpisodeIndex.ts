/**
 * The episode list's data: summaries read page by page as rows scroll into view (a 400,000-episode dataset
 * shows its first rows after reading a few kilobytes), and a full background scan when a filter or sort
 * needs every row. Rows live in a mutable array outside React; `version` tells components to re-read it.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import type { DatasetSource, EpisodeSummary } from '@/data/DatasetSource'
import { episodesPageOptions } from '@/data/browser/queries'
import type { DatasetRoot } from '@/data/browser/queries'
import type { EpisodeRow } from './episodeFilter'
import { LABEL_SCAN_LIMIT, scanEpisodeLabels } from './episodeLabels'

const PAGE = 256

export interface EpisodeIndex {
  count: number
  version: number
  /** The row at `i`, or a placeholder while its page loads. */
  row: (i: number) => EpisodeRow
  /** Load the pages covering `[start, end)` if they are not loaded or loading. */
  ensure: (start: number, end: number) => void
  /** Every row (placeholders where unknown); built on demand for filtering. */
  allRows: () => EpisodeRow[]
  scan: { state: 'idle' | 'scanning' | 'done' | 'error'; done: number; total: number; message?: string }
  startScan: () => void
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

export function useEpisodeIndex(root: DatasetRoot, source: DatasetSource): EpisodeIndex {
  const queryClient = useQueryClient()
  const rows = useRef<(EpisodeRow | undefined)[]>([])
  const pages = useRef(new Set<number>())
  const [count, setCount] = useState(source.episodeCount)
  const [version, setVersion] = useState(0)
  const [scan, setScan] = useState<EpisodeIndex['scan']>({ state: 'idle', done: 0, total: source.episodeCount })
  const abort = useRef<AbortController | undefined>(undefined)

  // One hook instance per dataset (the list is keyed by it); stop the scans when the list goes away. Clearing
  // the controller lets a remount (React's StrictMode does one in development) start them again.
  useEffect(() => () => {
    abort.current?.abort()
    abort.current = undefined
  }, [])

  const ensure = useCallback((start: number, end: number) => {
    for (let p = Math.floor(start / PAGE); p * PAGE < end; p++) {
      if (pages.current.has(p)) continue
      pages.current.add(p)
      const first = p * PAGE
      const last = Math.min((p + 1) * PAGE, source.episodeCount)
      // Cached under the dataset's page key; read through the source this list was given (the same one the
      // dataset query opened, or a test's).
      queryClient.fetchQuery({ ...episodesPageOptions(root, first, last), queryFn: () => source.listEpisodes(first, last) }).then((list) => {
        for (const s of list) rows.current[s.index] = rows.current[s.index] ?? toRow(s)
        setVersion((v) => v + 1)
      }, () => {
        pages.current.delete(p)
      })
    }
  }, [root, source, queryClient])

  // The scan reports progress as it goes, which a query function cannot, so it calls the source directly.
  const startScan = useCallback(() => {
    if (abort.current !== undefined) return
    const controller = new AbortController()
    abort.current = controller
    setScan({ state: 'scanning', done: 0, total: source.episodeCount })
    source.scanAllEpisodes((p) => setScan({ state: 'scanning', done: p.done, total: p.total }), controller.signal).then((result) => {
      if (controller.signal.aborted) return
      const next: (EpisodeRow | undefined)[] = []
      for (const s of result.episodes) next[s.index] = toRow(s)
      rows.current = next
      setCount(Math.max(result.episodeCount, next.length))
      setScan({ state: 'done', done: result.episodeCount, total: result.episodeCount })
      setVersion((v) => v + 1)
      if (result.episodes.length > LABEL_SCAN_LIMIT) return
      // Then the labels next to each episode, for the outcome and presence columns and filters.
      let pending = 0
      void scanEpisodeLabels(source, result.episodes, (index, labels) => {
        const row = rows.current[index]
        if (row !== undefined) rows.current[index] = { ...row, ...labels }
        // Batch re-renders: one per 16 results, and one at the end.
        if (++pending % 16 === 0 || pending === result.episodes.length) setVersion((v) => v + 1)
      }, controller.signal)
    }, (e: unknown) => {
      if (controller.signal.aborted) return
      setScan({ state: 'error', done: 0, total: source.episodeCount, message: e instanceof Error ? e.message : String(e) })
    })
  }, [source])

  const row = useCallback((i: number) => rows.current[i] ?? placeholder(i), [])
  const allRows = useCallback(() => Array.from({ length: count }, (_, i) => rows.current[i] ?? placeholder(i)), [count])

  return { count, version, row, ensure, allRows, scan, startScan }
}
