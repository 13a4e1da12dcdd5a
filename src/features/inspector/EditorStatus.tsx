import { useEffect } from 'react'
import { cn } from '@/lib/cn'
import { annotationStore, selectCanRedo, selectCanUndo, selectRedoLabel, selectUndoLabel, useAnnotation } from '@/stores/annotationStore'
import type { SaveStatus } from '@/stores/episodeEditing'
import { useEditingStatus } from '@/stores/episodeEditing'
import { Button } from '@/ui/Button'

function statusText(status: SaveStatus): { text: string; tone: 'ok' | 'busy' | 'bad' | 'quiet'; title?: string } {
  switch (status.state) {
    case 'loading':
      return { text: 'Opening…', tone: 'quiet' }
    case 'unchanged':
      return { text: 'No changes yet', tone: 'quiet' }
    case 'saving':
      return { text: 'Saving…', tone: 'busy' }
    case 'saved':
      return { text: 'Saved', tone: 'ok', title: `Saved in this browser at ${new Date(status.at).toLocaleTimeString()}` }
    case 'failed':
      return { text: 'Not saved', tone: 'bad', title: status.reason }
    case 'conflict':
      return { text: 'Not saved: changed in another tab', tone: 'bad', title: status.reason }
  }
}

/** Saved / saving / failed (with the reason), and undo / redo with what they would do. */
export function SaveIndicator() {
  const status = useEditingStatus((s) => s.status)
  const canUndo = useAnnotation(selectCanUndo)
  const canRedo = useAnnotation(selectCanRedo)
  const undoLabel = useAnnotation(selectUndoLabel)
  const redoLabel = useAnnotation(selectRedoLabel)
  const { text, tone, title } = statusText(status)
  return (
    <span className="flex items-center gap-1.5">
      <Button size="sm" variant="ghost" disabled={!canUndo} onClick={() => annotationStore.getState().undo()} title={undoLabel === undefined ? 'Nothing to undo' : `Undo ${undoLabel} (Ctrl+Z)`} aria-label="Undo">↶</Button>
      <Button size="sm" variant="ghost" disabled={!canRedo} onClick={() => annotationStore.getState().redo()} title={redoLabel === undefined ? 'Nothing to redo' : `Redo ${redoLabel} (Ctrl+Shift+Z)`} aria-label="Redo">↷</Button>
      <span
        role="status"
        data-testid="save-status"
        data-state={status.state}
        title={title}
        className={cn('rounded px-1.5 text-[11px] leading-5', tone === 'ok' && 'text-emerald-400', tone === 'busy' && 'text-sky-300', tone === 'bad' && 'bg-red-950 text-red-300', tone === 'quiet' && 'text-zinc-500')}
      >
        {text}
      </span>
    </span>
  )
}

/** A refused edit, and why; it goes by itself after a few seconds. */
export function RefusalToast() {
  const refusal = useAnnotation((s) => s.refusal)
  useEffect(() => {
    if (refusal === undefined) return
    const timer = setTimeout(() => annotationStore.getState().dismissRefusal(), 6000)
    return () => clearTimeout(timer)
  }, [refusal])
  if (refusal === undefined) return null
  return (
    <div role="alert" data-testid="refusal" className="pointer-events-auto max-w-xl rounded border border-amber-700 bg-amber-950/95 px-3 py-1.5 text-xs text-amber-100 shadow-lg">
      {refusal.label !== '' && <span className="font-medium">{refusal.label}: </span>}
      {refusal.reason}
    </div>
  )
}

/**
 * When a save failed (and why), this tab cannot edit, its save met another tab's, or the labels file changed since
 * the corrections.
 */
export function EditingBanner({ onTakeOver, onKeepMine, onLoadSaved, onRetry }: {
  onTakeOver: () => void
  onKeepMine: () => void
  onLoadSaved: () => void
  onRetry: () => void
}) {
  const readOnly = useEditingStatus((s) => s.readOnly)
  const status = useEditingStatus((s) => s.status)
  const proposalChanged = useEditingStatus((s) => s.proposalChanged)
  if (status.state === 'conflict') {
    return (
      <div role="alert" className="flex items-center gap-2 border-b border-red-900 bg-red-950/60 px-3 py-1 text-xs text-red-100">
        <span className="flex-1">{status.reason}. This tab's changes are still here and not saved.</span>
        <Button size="sm" onClick={onKeepMine}>Keep this tab's version</Button>
        <Button size="sm" variant="ghost" onClick={onLoadSaved}>Load the other tab's version</Button>
      </div>
    )
  }
  if (status.state === 'failed') {
    return (
      <div role="alert" className="flex items-center gap-2 border-b border-red-900 bg-red-950/60 px-3 py-1 text-xs text-red-100">
        <span className="flex-1" data-testid="save-failed">Not saved: {status.reason}. Your changes are kept in this tab until they are saved: do not close or reload it.</span>
        <Button size="sm" onClick={onRetry}>Save again</Button>
      </div>
    )
  }
  if (readOnly !== undefined) {
    return (
      <div role="alert" data-testid="read-only" className="flex items-center gap-2 border-b border-amber-900 bg-amber-950/60 px-3 py-1 text-xs text-amber-100">
        <span className="flex-1">Read-only: {readOnly}.</span>
        <Button size="sm" onClick={onTakeOver}>Edit here instead</Button>
      </div>
    )
  }
  if (proposalChanged) {
    return (
      <div role="status" className="border-b border-sky-900 bg-sky-950/50 px-3 py-1 text-xs text-sky-100">
        The VLM labels next to this episode changed since it was corrected; the corrections are kept (the history's first line is the old proposal).
      </div>
    )
  }
  return null
}
