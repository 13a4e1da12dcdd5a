import { useMemo, useRef, useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import type { Problem } from '@/core/problems'
import type { ExportSink } from '@/core/exports/exportFile'
import { db } from '@/data/browser/db'
import { browserEpisodes } from '@/data/browser/exportEpisodes'
import { downloadTarget, fileTarget, folderSink, zipSink } from '@/data/browser/exportSinks'
import { browserWriters, formatAvailability } from '@/data/browser/exportWriters'
import type { DatasetRoot } from '@/data/browser/queries'
import type { DatasetSource } from '@/data/DatasetSource'
import type { ExportFormat, ExportProgress } from '@/data/exports/runExport'
import { EXPORT_FORMATS, ExportCancelled, runExport } from '@/data/exports/runExport'
import { useReview } from '@/stores/reviewStore'
import { useSession } from '@/stores/sessionStore'
import { Button } from '@/ui/Button'
import { Dialog } from '@/ui/Dialog'
import type { EpisodeScope } from './exportChoices'
import { ProblemGroups } from './ProblemGroups'
import { FORMAT_INFO, SCOPE_LABELS, scopeEpisodes } from './exportChoices'

type SavePicker = (options: { suggestedName: string; types?: { description: string; accept: Record<string, string[]> }[] }) => Promise<FileSystemFileHandle>
type DirectoryPicker = (options: { mode: 'readwrite' }) => Promise<FileSystemDirectoryHandle>

type Run =
  | { state: 'idle' }
  | { state: 'running'; progress: ExportProgress }
  | { state: 'done'; episodes: number; problems: Problem[]; where: string }
  | { state: 'failed'; message: string }

/**
 * Export for retraining: pick the episodes and the formats, then a zip file or a folder. Files stream out one
 * at a time with a progress bar and Cancel; a cancelled export removes what it wrote.
 */
export function ExportDialog({ root, source, identity, onClose }: { root: DatasetRoot; source: DatasetSource; identity: string; onClose: () => void }) {
  const client = useQueryClient()
  const reviews = useReview((s) => s.reviews)
  const listOrder = useSession((s) => s.listOrder)
  const unavailable = useMemo(() => formatAvailability(source), [source])
  const [scope, setScope] = useState<EpisodeScope>('all')
  const [formats, setFormats] = useState<ReadonlySet<ExportFormat>>(new Set(['proccorpus', 'records', 'selection']))
  const [seed, setSeed] = useState(0)
  const [language, setLanguage] = useState(false)
  const [run, setRun] = useState<Run>({ state: 'idle' })
  const abort = useRef<AbortController | undefined>(undefined)
  const indices = useMemo(() => scopeEpisodes(scope, { count: source.episodeCount, reviews, listOrder }), [scope, source, reviews, listOrder])
  const chosen = EXPORT_FORMATS.filter((f) => formats.has(f) && unavailable[f] === undefined)

  async function start(destination: 'zip' | 'folder') {
    const name = `${source.name}-export.zip`
    let sink: ExportSink
    let where: string
    try {
      if (destination === 'folder') {
        const picker = (window as unknown as { showDirectoryPicker?: DirectoryPicker }).showDirectoryPicker
        if (picker === undefined) throw new Error('this browser cannot write into a folder; export a zip instead')
        const dir = await picker({ mode: 'readwrite' })
        sink = folderSink(dir)
        where = `the folder ${dir.name}`
      } else {
        const picker = (window as unknown as { showSaveFilePicker?: SavePicker }).showSaveFilePicker
        if (picker !== undefined) {
          const handle = await picker({ suggestedName: name, types: [{ description: 'Zip archive', accept: { 'application/zip': ['.zip'] } }] })
          sink = zipSink(await fileTarget(handle))
          where = handle.name
        } else {
          sink = zipSink(downloadTarget(name))
          where = `${name} (downloaded)`
        }
      }
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return
      setRun({ state: 'failed', message: e instanceof Error ? e.message : String(e) })
      return
    }
    const controller = new AbortController()
    abort.current = controller
    const problems: Problem[] = []
    let passes = 0
    const scopeOf = { client, database: db, root, source, identity, indices }
    setRun({ state: 'running', progress: { done: 0, total: indices.length, phase: 'episodes' } })
    try {
      const writers = await browserWriters(chosen, { client, database: db, root, source, identity, seed, language })
      const result = await runExport({
        formats: chosen, datasetName: source.name, total: indices.length, sink, writers, signal: controller.signal,
        // Problems are collected from the first pass only: the records pass reads the same episodes again.
        episodes: () => browserEpisodes(scopeOf, passes++ === 0 ? problems : []),
        onProgress: (progress) => setRun({ state: 'running', progress }),
      })
      setRun({ state: 'done', episodes: result.episodes, problems: [...problems, ...result.problems], where })
    } catch (e) {
      setRun(e instanceof ExportCancelled ? { state: 'idle' } : { state: 'failed', message: e instanceof Error ? e.message : String(e) })
    } finally {
      abort.current = undefined
    }
  }

  const running = run.state === 'running'
  return (
    <Dialog label="Export" title={`Export ${source.name}`} width="w-[560px]" busy={running} onClose={onClose}>
      <fieldset className="space-y-1" disabled={running}>
        <legend className="mb-1 text-xs uppercase tracking-wide text-zinc-500">Episodes</legend>
        {(Object.keys(SCOPE_LABELS) as EpisodeScope[]).map((s) => (
          <label key={s} className="flex items-center gap-2">
            <input type="radio" name="scope" checked={scope === s} onChange={() => setScope(s)} />
            {SCOPE_LABELS[s]} <span className="text-zinc-500">({scopeEpisodes(s, { count: source.episodeCount, reviews, listOrder }).length.toLocaleString()})</span>
          </label>
        ))}
        <p className="text-xs text-zinc-500">Each episode is exported as corrected here, or as the VLM proposed it where nobody changed it.</p>
      </fieldset>
      <fieldset className="space-y-1" disabled={running}>
        <legend className="mb-1 text-xs uppercase tracking-wide text-zinc-500">Formats</legend>
        {EXPORT_FORMATS.map((f) => (
          <label key={f} className={`flex items-start gap-2 ${unavailable[f] !== undefined ? 'opacity-50' : ''}`} title={unavailable[f]}>
            <input type="checkbox" className="mt-1" disabled={unavailable[f] !== undefined} checked={formats.has(f) && unavailable[f] === undefined}
              onChange={(e) => {
                const next = new Set(formats)
                if (e.target.checked) next.add(f)
                else next.delete(f)
                setFormats(next)
              }} />
            <span><span className="text-zinc-100">{FORMAT_INFO[f].title}</span> <span className="text-xs text-zinc-500">{unavailable[f] ?? FORMAT_INFO[f].detail}</span></span>
          </label>
        ))}
        {formats.has('procvqa') && unavailable.procvqa === undefined && (
          <label className="ml-6 flex items-center gap-2 text-xs">Sampling seed
            <input type="number" min={0} value={seed} onChange={(e) => { const n = Math.floor(Number(e.target.value)); setSeed(Number.isFinite(n) ? Math.max(0, n) : 0) }} className="h-6 w-24 rounded border border-zinc-700 bg-zinc-950 px-1" />
          </label>
        )}
        {formats.has('lerobot') && unavailable.lerobot === undefined && (
          <label className="ml-6 flex items-center gap-2 text-xs">
            <input type="checkbox" checked={language} onChange={(e) => setLanguage(e.target.checked)} /> also the language columns in the data files (LeRobot ≥ 0.6)
          </label>
        )}
      </fieldset>
      {run.state === 'running' && (
        <div className="space-y-1" data-testid="export-progress">
          <div className="flex justify-between text-xs text-zinc-400"><span>{run.progress.phase}</span><span>{run.progress.done.toLocaleString()} / {run.progress.total.toLocaleString()}</span></div>
          <progress className="h-2 w-full" max={Math.max(1, run.progress.total)} value={run.progress.done} />
        </div>
      )}
      {run.state === 'done' && <ExportSummary episodes={run.episodes} problems={run.problems} where={run.where} />}
      {run.state === 'failed' && <p role="alert" className="text-red-300">The export failed: {run.message}</p>}
      <footer className="flex justify-end gap-2">
        {running
          ? <Button size="sm" variant="danger" onClick={() => abort.current?.abort()}>Cancel</Button>
          : (
            <>
              <Button size="sm" onClick={() => void start('folder')} disabled={chosen.length === 0 || indices.length === 0}>Into a folder…</Button>
              <Button size="sm" variant="primary" onClick={() => void start('zip')} disabled={chosen.length === 0 || indices.length === 0}>Export zip…</Button>
            </>
          )}
      </footer>
    </Dialog>
  )
}

function ExportSummary({ episodes, problems, where }: { episodes: number; problems: readonly Problem[]; where: string }) {
  return (
    <div className="space-y-1" data-testid="export-summary">
      <p className="text-emerald-300">Exported {episodes.toLocaleString()} episode{episodes === 1 ? '' : 's'} to {where}.</p>
      <ProblemGroups problems={problems} />
    </div>
  )
}
