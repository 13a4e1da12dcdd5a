import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { db } from '@/data/browser/db'
import { loadCorpusMetrics } from '@/data/browser/corpusMetrics'
import type { CorpusMetricsResult } from '@/data/browser/corpusMetrics'
import type { DatasetRoot } from '@/data/browser/queries'

/** What the view needs from the data layer; a test passes a fake. */
export type LoadCorpusMetrics = (args: { onProgress: (done: number, total: number) => void; signal: AbortSignal }) => Promise<CorpusMetricsResult>

export type CorpusMetricsState =
  | { status: 'loading'; done: number; total: number }
  | { status: 'done'; result: CorpusMetricsResult }
  | { status: 'error'; message: string }

/**
 * Scores the corpus while the view is open: not a query, because the targets follow saved corrections, which
 * change while the app runs, and a cached corpus would go stale unnoticed. `run` recomputes; closing the view or
 * a new run cancels the one before.
 */
export function useCorpusMetrics(root: DatasetRoot, identity: string, load: LoadCorpusMetrics | undefined, run: number): CorpusMetricsState {
  const client = useQueryClient()
  const [state, setState] = useState<CorpusMetricsState>({ status: 'loading', done: 0, total: 0 })
  useEffect(() => {
    const controller = new AbortController()
    const fn: LoadCorpusMetrics = load ?? ((args) => loadCorpusMetrics({ client, database: db, root, identity, ...args }))
    setState({ status: 'loading', done: 0, total: 0 })
    fn({ signal: controller.signal, onProgress: (done, total) => { if (!controller.signal.aborted) setState({ status: 'loading', done, total }) } }).then(
      (result) => { if (!controller.signal.aborted) setState({ status: 'done', result }) },
      (e: unknown) => { if (!controller.signal.aborted) setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }) },
    )
    return () => controller.abort()
  }, [client, root, identity, load, run])
  return state
}
