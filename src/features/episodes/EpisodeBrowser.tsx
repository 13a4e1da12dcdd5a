import { useEffect, useMemo, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { DatasetSource } from '@/data/DatasetSource'
import type { DatasetRoot } from '@/data/browser/queries'
import { sessionStore, useSession } from '@/stores/sessionStore'
import { Badge } from '@/ui/Badge'
import { EpisodeFilters } from './EpisodeFilters'
import { filterEpisodes, isFiltering, NO_FILTER } from './episodeFilter'
import type { EpisodeFilter, EpisodeRow, ReviewStatus } from './episodeFilter'
import { EpisodeRowView } from './EpisodeRowView'
import type { FilesSummary } from './episodeIndexStore'
import { EAGER_PRESENCE_LIMIT } from './episodeIndexStore'
import { useEpisodeIndex } from './useEpisodeIndex'

const ROW_HEIGHT = 54

function withStatus(row: EpisodeRow, statuses: ReadonlyMap<number, ReviewStatus>): EpisodeRow {
  const status = statuses.get(row.index) ?? 'unreviewed'
  return status === row.status ? row : { ...row, status }
}
/** Datasets this small are scanned at once, so filters and counts are exact from the start. */
const EAGER_SCAN_LIMIT = 5000

export interface EpisodeBrowserProps {
  root: DatasetRoot
  source: DatasetSource
  /** Review statuses kept by the app (IndexedDB); episodes not in the map are unreviewed. */
  statuses: ReadonlyMap<number, ReviewStatus>
}

/** "· 1 playable · 99 missing" once every episode's files are known, "· 99 missing so far" before. */
function FilesCount({ files, count }: { files: FilesSummary; count: number }) {
  if (files.checked === 0 || (files.missing === 0 && files.playable === files.checked)) return null
  const all = files.checked >= count
  return (
    <span data-testid="files-count" title={all ? undefined : `files checked for ${files.checked.toLocaleString()} of ${count.toLocaleString()} episodes`}>
      {' · '}<span className="text-zinc-300">{files.playable.toLocaleString()} playable</span>
      {files.missing > 0 && <> · <span className="text-red-300">{files.missing.toLocaleString()} missing</span></>}
      {!all && ' so far'}
    </span>
  )
}

function selectEpisode(s: { episode: number | undefined }): number | undefined {
  return s.episode
}

function onOpen(index: number): void {
  sessionStore.getState().openEpisode(index)
}

/**
 * The virtualized, filterable list of a dataset's episodes. The open episode is the session's; the list
 * publishes its display order there, so "next episode" (a key, or the end of a review) walks the filtered,
 * sorted list the user sees.
 */
export function EpisodeBrowser({ root, source, statuses }: EpisodeBrowserProps) {
  const selected = useSession(selectEpisode)
  const index = useEpisodeIndex(root, source)
  const [filter, setFilter] = useState<EpisodeFilter>(NO_FILTER)
  const filtering = isFiltering(filter) || filter.sort !== 'index'
  const { startScan, checkAllFiles, version, allRows, count, ensure, isMissing, files } = index

  useEffect(() => {
    if (filtering || source.episodeCount <= EAGER_SCAN_LIMIT) startScan()
  }, [filtering, source, startScan])
  useEffect(() => {
    if (filter.files !== 'any' || source.episodeCount <= EAGER_PRESENCE_LIMIT) checkAllFiles()
  }, [filter.files, source, checkAllFiles])

  // Display positions -> episode index. Identity (no array) when nothing filters, so 400,000 rows cost nothing.
  const order = useMemo<number[] | undefined>(() => {
    if (!filtering) return undefined
    void version
    const rows = allRows().map((r) => withStatus(r, statuses))
    return filterEpisodes(rows, filter).map((p) => rows[p]!.index)
  }, [filtering, filter, version, allRows, statuses])
  const shown = order?.length ?? count

  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: shown,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })
  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items[items.length - 1]?.index ?? 0

  useEffect(() => {
    if (order === undefined && shown > 0) ensure(first, last + 1)
  }, [order, first, last, shown, ensure])

  const episodeAt = (position: number) => order?.[position] ?? position
  const selectedPosition = selected === undefined ? -1 : order === undefined ? selected : order.indexOf(selected)

  useEffect(() => {
    sessionStore.getState().setListOrder(order, shown, isMissing)
  }, [order, shown, isMissing])

  // Keep the open episode in view; when a new filter hides it, start the list from the top.
  useEffect(() => {
    if (selectedPosition >= 0) virtualizer.scrollToIndex(selectedPosition, { align: 'auto' })
    else virtualizer.scrollToOffset(0)
  }, [order, selectedPosition, virtualizer])

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const delta = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : e.key === 'PageDown' ? 10 : e.key === 'PageUp' ? -10 : 0
    if (delta !== 0) {
      e.preventDefault()
      const next = Math.min(shown - 1, Math.max(0, (selectedPosition < 0 ? -1 : selectedPosition) + delta))
      if (next >= 0) onOpen(episodeAt(next))
    }
  }

  const scanNote = index.scan.state === 'scanning'
    ? `reading index ${index.scan.done.toLocaleString()} / ${index.scan.total.toLocaleString()}`
    : index.scan.state === 'error' ? `index scan failed: ${index.scan.message ?? ''}` : undefined

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <EpisodeFilters filter={filter} onChange={setFilter} />
      <div className="flex h-6 shrink-0 items-center justify-between px-2 text-[11px] text-zinc-500" aria-live="polite">
        <span data-testid="episode-count" className="truncate">
          {count.toLocaleString()} episodes{filtering && <> · <span className="text-zinc-300">{shown.toLocaleString()} shown</span></>}
          <FilesCount files={files} count={count} />
        </span>
        {scanNote !== undefined && <Badge tone={index.scan.state === 'error' ? 'error' : 'info'}>{scanNote}</Badge>}
      </div>
      <div
        ref={scroller}
        role="listbox"
        aria-label="Episodes"
        tabIndex={0}
        onKeyDown={onKeyDown}
        {...(selectedPosition >= 0 ? { 'aria-activedescendant': `episode-option-${episodeAt(selectedPosition)}` } : {})}
        className="min-h-0 flex-1 overflow-auto outline-none"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row: EpisodeRow = withStatus(index.row(episodeAt(item.index)), statuses)
            return (
              <EpisodeRowView
                key={item.key}
                row={row}
                fps={source.fps}
                selected={row.index === selected}
                top={item.start}
                height={ROW_HEIGHT}
                onOpen={onOpen}
              />
            )
          })}
        </div>
        {shown === 0 && <p className="p-4 text-center text-sm text-zinc-500">No episode matches these filters.</p>}
      </div>
    </div>
  )
}
