import { useRef, useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import type { FileStore } from '@/data/fileStore'
import type { DatasetSource } from '@/data/DatasetSource'
import { Badge } from '@/ui/Badge'
import { Button } from '@/ui/Button'
import { pickLocalFolder, storeFromFolderInput } from './openLocal'
import { DEMO_DATASET } from './urlState'

/** Brand, the open dataset, and the ways to open another one (URL, local folder, the demo). */
export function TopBar({ label, initialUrl, source, onOpenUrl, onOpenLocal, onHelp, onOverlay, team }: {
  label: string
  /** The URL field's first value: the dataset URL the page opened with (a link), so a failing one can be corrected. */
  initialUrl: string
  source: DatasetSource | undefined
  onOpenUrl: (url: string) => void
  onOpenLocal: (store: FileStore) => void
  onHelp: () => void
  /** Open the export, import or agreement dialog. */
  onOverlay: (overlay: 'export' | 'import' | 'agreement' | 'predictions' | 'metrics') => void
  /** The team server's controls (sync state, next from queue, Team…). */
  team?: ReactNode
}) {
  const [url, setUrl] = useState(initialUrl)
  const folderInput = useRef<HTMLInputElement>(null)
  const problems = source?.problems.length ?? 0

  function submit(e: FormEvent) {
    e.preventDefault()
    if (url.trim() !== '') onOpenUrl(url.trim())
  }

  async function openFolder() {
    const store = await pickLocalFolder(folderInput.current)
    if (store !== undefined) onOpenLocal(store)
  }

  return (
    <header className="col-span-2 flex items-center gap-3 border-b border-zinc-800 bg-zinc-900 px-3">
      <span className="flex items-center gap-1.5 text-sm font-semibold tracking-tight text-zinc-100">
        <span aria-hidden className="inline-block h-3 w-3 rounded-sm bg-gradient-to-br from-sky-400 to-violet-500" />
        ProcLens
      </span>
      <span className="h-5 w-px bg-zinc-800" />
      <span className="min-w-0 truncate text-xs text-zinc-400" title={label}>
        <span className="text-zinc-500">Dataset </span>
        <span className="font-mono text-zinc-200" data-testid="dataset-label">{source?.name ?? label}</span>
        {source !== undefined && <span className="text-zinc-500"> · {source.format} · {source.fps} fps · {source.cameras.length} camera{source.cameras.length === 1 ? '' : 's'}</span>}
      </span>
      {problems > 0 && <Badge tone="warn" title={source?.problems.map((p) => p.message).join('\n')}>{problems} dataset problem{problems === 1 ? '' : 's'}</Badge>}
      <form onSubmit={submit} className="ml-auto flex items-center gap-1.5">
        <input
          type="text"
          aria-label="Dataset URL"
          placeholder="Dataset URL (https://…/my_dataset)"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          className="h-7 w-56 min-w-0 shrink rounded border border-zinc-700 bg-zinc-950 px-2 text-xs text-zinc-100 placeholder:text-zinc-600"
        />
        <Button size="sm" type="submit">Open URL</Button>
      </form>
      <Button size="sm" onClick={() => void openFolder()}>Open folder…</Button>
      <input
        ref={folderInput}
        type="file"
        aria-label="Dataset folder"
        className="hidden"
        // webkitdirectory is not in React's types; it makes the input pick a folder.
        {...{ webkitdirectory: '', directory: '' }}
        multiple
        onChange={(e) => {
          const store = storeFromFolderInput(e.currentTarget)
          if (store !== undefined) onOpenLocal(store)
          e.currentTarget.value = ''
        }}
      />
      <Button size="sm" variant="ghost" onClick={() => onOpenUrl(DEMO_DATASET)}>Demo</Button>
      <span className="h-5 w-px bg-zinc-800" />
      <Button size="sm" onClick={() => onOverlay('export')} disabled={source === undefined} title="Export labels for training (ProcCorpus, ProcVQA, LeRobot, records, selection lists)">Export…</Button>
      <Button size="sm" variant="ghost" onClick={() => onOverlay('import')} disabled={source === undefined} title="Import ProcLens records (corrections, edit logs, reviews)">Import…</Button>
      <Button size="sm" variant="ghost" onClick={() => onOverlay('predictions')} disabled={source === undefined} title="Load model prediction files (any number, each with its model and instruction)">Predictions…</Button>
      <Button size="sm" variant="ghost" onClick={() => onOverlay('metrics')} disabled={source === undefined} title="Every model's metrics against the target, per episode and for the corpus">Metrics</Button>
      <Button size="sm" variant="ghost" onClick={() => onOverlay('agreement')} title="Agreement between annotators' records">Agreement</Button>
      {team !== undefined && <><span className="h-5 w-px bg-zinc-800" />{team}</>}
      <Button size="sm" variant="ghost" aria-label="Keyboard shortcuts" onClick={onHelp}>?</Button>
    </header>
  )
}
