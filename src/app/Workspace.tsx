import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { DragEvent } from 'react'
import { useQuery } from '@tanstack/react-query'
import { useLiveQuery } from 'dexie-react-hooks'
import type { ReviewStatus } from '@/core/review'
import { db, reviewStatuses, setReviewStatus } from '@/data/browser/db'
import { storeFromDataTransfer } from '@/data/browser/localFileStore'
import type { DatasetSource } from '@/data/DatasetSource'
import type { FileStore } from '@/data/fileStore'
import { datasetOptions, isLocalRoot, registerLocalStore } from '@/data/browser/queries'
import type { DatasetRoot } from '@/data/browser/queries'
import { EpisodeBrowser } from '@/features/episodes/EpisodeBrowser'
import { playbackStore } from '@/stores/playbackStore'
import { EpisodePane } from './EpisodePane'
import { HelpOverlay } from './HelpOverlay'
import { TopBar } from './TopBar'
import { parsePlace, writePlace } from './urlState'
import { useHotkeys } from './useHotkeys'

const NO_STATUSES: ReadonlyMap<number, ReviewStatus> = new Map()

/**
 * Which dataset review statuses belong to: the absolute URL, or the folder name for a local folder (a local id
 * changes every session; the name does not).
 */
function datasetIdentity(root: DatasetRoot, source: DatasetSource): string {
  return isLocalRoot(root) ? `local:${source.name}` : new URL(root, window.location.href).href.replace(/\/+$/, '')
}

/** The whole page: top bar, episode list, and the open episode. Owns which dataset and episode are open. */
export function Workspace() {
  const initial = useMemo(() => parsePlace(window.location.search), [])
  const [root, setRoot] = useState<DatasetRoot>(initial.dataset)
  const [episodeIndex, setEpisodeIndex] = useState<number | undefined>(initial.episode)
  const [initialFrame, setInitialFrame] = useState<number | undefined>(initial.frame)
  const [help, setHelp] = useState(false)
  const [dragging, setDragging] = useState(false)
  const [boundaries, setBoundaries] = useState<readonly number[]>([])
  const order = useRef<(current: number, delta: number) => number | undefined>(undefined)

  const dataset = useQuery(datasetOptions(root))
  const source: DatasetSource | undefined = dataset.data
  const reviewKey = source === undefined ? undefined : datasetIdentity(root, source)
  const statuses = useLiveQuery(
    () => (reviewKey === undefined ? new Map<number, ReviewStatus>() : reviewStatuses(db, reviewKey)),
    [reviewKey],
  ) ?? NO_STATUSES
  const onStatus = useCallback((status: ReviewStatus) => {
    if (reviewKey !== undefined && episodeIndex !== undefined) void setReviewStatus(db, { dataset: reviewKey, episode: episodeIndex, status })
  }, [reviewKey, episodeIndex])

  // No episode in the URL: open the first one the dataset lists.
  useEffect(() => {
    if (source === undefined || episodeIndex !== undefined || source.episodeCount === 0) return
    let live = true
    void source.listEpisodes(0, 1).then((list) => {
      if (live) setEpisodeIndex(list[0]?.index ?? 0)
    })
    return () => { live = false }
  }, [source, episodeIndex])

  // Keep the address bar on the current place without flooding history while playing. A local folder's id
  // goes in too: after a reload the app says the folder must be chosen again instead of showing the demo.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const write = () => writePlace({ dataset: root, episode: episodeIndex, frame: playbackStore.getState().frame })
    write()
    const unsubscribe = playbackStore.subscribe((s, prev) => {
      if (s.frame === prev.frame && s.playing === prev.playing) return
      clearTimeout(timer)
      timer = setTimeout(write, s.playing ? 1000 : 150)
    })
    return () => {
      clearTimeout(timer)
      unsubscribe()
    }
  }, [root, episodeIndex])

  const openEpisode = useCallback((index: number) => {
    setInitialFrame(undefined)
    setEpisodeIndex(index)
  }, [])

  const openRoot = useCallback((next: DatasetRoot) => {
    setRoot(next)
    setEpisodeIndex(undefined)
    setInitialFrame(undefined)
  }, [])
  const openLocal = useCallback((store: FileStore) => openRoot(registerLocalStore(store)), [openRoot])

  const onOrderChange = useCallback((f: (current: number, delta: number) => number | undefined) => {
    order.current = f
  }, [])

  useHotkeys({
    boundaries,
    openRelativeEpisode: (delta) => {
      if (episodeIndex === undefined) return
      const next = order.current?.(episodeIndex, delta)
      if (next !== undefined) openEpisode(next)
    },
    toggleHelp: () => setHelp((h) => !h),
    closeOverlays: () => setHelp(false),
  })

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault()
    setDragging(false)
    // Synchronously: the browser empties the DataTransfer once this handler returns.
    void storeFromDataTransfer(e.dataTransfer).then((store) => {
      if (store !== undefined) openLocal(store)
    })
  }

  return (
    <div
      className="grid h-full grid-cols-[340px_minmax(0,1fr)] grid-rows-[44px_minmax(0,1fr)] bg-zinc-950"
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return
        e.preventDefault()
        setDragging(true)
      }}
      onDragLeave={(e) => {
        if (e.relatedTarget === null) setDragging(false)
      }}
      onDrop={onDrop}
    >
      <TopBar label={isLocalRoot(root) ? 'local folder' : root} source={source} onOpenUrl={openRoot} onOpenLocal={openLocal} onHelp={() => setHelp(true)} />
      <aside className="flex min-h-0 flex-col border-r border-zinc-800 bg-zinc-900/60" aria-label="Episode list">
        {source !== undefined && (
          <EpisodeBrowser key={root} root={root} source={source} statuses={statuses} selected={episodeIndex} onOpen={openEpisode} onOrderChange={onOrderChange} />
        )}
        {dataset.isPending && <p className="p-4 text-sm text-zinc-500">Opening dataset…</p>}
      </aside>
      <main className="flex min-h-0 min-w-0 flex-col">
        {dataset.isError && (
          <div role="alert" className="m-6 rounded border border-red-900 bg-red-950/40 p-4 text-sm text-red-200">
            <p className="font-medium">Could not open this dataset</p>
            <p className="mt-1 text-red-300/90">{dataset.error.message}</p>
          </div>
        )}
        {source !== undefined && episodeIndex !== undefined && (
          <EpisodePane
            key={`${root}#${episodeIndex}`}
            root={root}
            source={source}
            index={episodeIndex}
            initialFrame={initialFrame}
            onBoundaries={setBoundaries}
            status={statuses.get(episodeIndex) ?? 'unreviewed'}
            onStatus={onStatus}
          />
        )}
      </main>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
      {dragging && (
        <div className="pointer-events-none fixed inset-3 z-40 flex items-center justify-center rounded-xl border-2 border-dashed border-sky-400 bg-sky-950/60 text-lg text-sky-100">
          Drop a dataset folder to open it (files stay on this computer)
        </div>
      )}
    </div>
  )
}
