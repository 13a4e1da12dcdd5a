import { useState } from 'react'
import type { DragEvent } from 'react'
import { cn } from '@/lib/cn'
import { Badge } from '@/ui/Badge'
import { Button } from '@/ui/Button'
import type { RecordFile } from './recordFiles'

export interface RecordFilesInputProps {
  files: readonly RecordFile[]
  onAdd: (files: File[]) => void
  onRemove: (fileName: string) => void
}

/**
 * Where the records files come in: picked (`<input type=file multiple>`) or dropped, one file per annotator;
 * each shows the annotator it stands for and how many episodes it holds.
 */
export function RecordFilesInput({ files, onAdd, onRemove }: RecordFilesInputProps) {
  const [dragging, setDragging] = useState(false)

  // Handled here, not passed on: the page around may treat a drop as a dataset to open.
  function onDragOver(e: DragEvent<HTMLDivElement>) {
    if (!e.dataTransfer.types.includes('Files')) return
    e.preventDefault()
    e.stopPropagation()
    setDragging(true)
  }
  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault()
    e.stopPropagation()
    setDragging(false)
    const dropped = [...e.dataTransfer.files]
    if (dropped.length > 0) onAdd(dropped)
  }

  return (
    <div
      data-testid="records-drop"
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      className={cn('rounded-md border border-dashed p-3 text-sm', dragging ? 'border-sky-400 bg-sky-950/40' : 'border-zinc-700')}
    >
      <div className="flex flex-wrap items-center gap-2 text-zinc-400">
        <span>Drop records files here, one per annotator, or</span>
        <label className="inline-flex h-7 cursor-pointer items-center rounded border border-zinc-700 bg-zinc-800 px-2 text-xs text-zinc-100 hover:bg-zinc-700 focus-within:ring-2 focus-within:ring-sky-500">
          choose files
          <input
            type="file"
            multiple
            accept=".jsonl,.json,application/json"
            aria-label="Records files"
            className="sr-only"
            onChange={(e) => {
              const picked = [...(e.target.files ?? [])]
              // Cleared so that picking the same file again (after editing it) reads it again.
              e.target.value = ''
              if (picked.length > 0) onAdd(picked)
            }}
          />
        </label>
      </div>
      {files.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-2" aria-label="Annotators">
          {files.map((f) => (
            <li key={f.fileName} className="flex items-center gap-1.5 rounded border border-zinc-800 bg-zinc-900 py-0.5 pl-2 pr-0.5 text-xs">
              <span className="text-zinc-100">{f.annotator.name}</span>
              {f.annotator.name !== f.fileName && <span className="font-mono text-[11px] text-zinc-500">{f.fileName}</span>}
              <Badge tone={f.problems.some((p) => p.severity === 'error') ? 'error' : 'neutral'}>{f.annotator.docs.length} episodes</Badge>
              <Button variant="ghost" size="sm" aria-label={`Remove ${f.fileName}`} onClick={() => onRemove(f.fileName)}>×</Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
