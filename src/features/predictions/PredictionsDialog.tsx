import { useState } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useLiveQuery } from 'dexie-react-hooks'
import { readLoadedPredictions } from '@/data/annotations/loadedPredictions'
import { db, predictionFiles } from '@/data/browser/db'
import type { PredictionFileRecord } from '@/data/browser/db'
import type { DatasetRoot } from '@/data/browser/queries'
import { episodeOptions, invalidatePredictions } from '@/data/browser/queries'
import type { DatasetSource } from '@/data/DatasetSource'
import { Button } from '@/ui/Button'
import { Dialog } from '@/ui/Dialog'
import { defaultTags } from './predictionTags'
import { PredictForm } from './PredictForm'

interface Pending {
  name: string
  text: string
  model: string
  instruction: string
}

/**
 * Model predictions loaded for the open dataset: any number of files (ProcVLM inference JSONL, `proclens predict`
 * output, or `{episode, frame_index, progress}` JSONL / CSV), each tagged with a model and the instruction it was
 * prompted with. Kept in this browser (IndexedDB) until removed; every episode's chart draws them.
 */
export function PredictionsDialog({ root, identity, source, episodeIndex, onClose }: {
  root: DatasetRoot
  identity: string
  source: DatasetSource
  /** The open episode, which "Predict" runs a served model on. */
  episodeIndex: number | undefined
  onClose: () => void
}) {
  const client = useQueryClient()
  const episode = useQuery({ ...episodeOptions(root, episodeIndex ?? 0), enabled: episodeIndex !== undefined })
  const loaded = useLiveQuery(() => predictionFiles(db, identity), [identity]) ?? []
  const [pending, setPending] = useState<Pending[]>([])

  async function choose(files: FileList) {
    const read = await Promise.all(Array.from(files, async (f) => {
      const text = await f.text()
      return { name: f.name, text, ...defaultTags(f.name, text) }
    }))
    setPending([...pending, ...read])
  }

  async function add() {
    const now = Date.now()
    await db.predictionFiles.bulkAdd(pending.map((p, i): PredictionFileRecord => ({
      dataset: identity, name: p.name, model: p.model.trim() === '' ? p.name : p.model.trim(), text: p.text, addedAt: now + i,
      ...(p.instruction.trim() !== '' ? { instruction: p.instruction.trim() } : {}),
    })))
    setPending([])
    await invalidatePredictions(client, root)
  }

  async function remove(file: PredictionFileRecord) {
    if (file.id !== undefined) await db.predictionFiles.delete(file.id)
    await invalidatePredictions(client, root)
  }

  const field = 'h-6 rounded border border-zinc-700 bg-zinc-950 px-1 text-xs text-zinc-100'
  return (
    <Dialog label="Model predictions" title="Model predictions" width="w-[640px]" onClose={onClose}>
      <p className="text-xs text-zinc-500">Predictions found next to the dataset are drawn already. Load more here: ProcVLM inference JSONL,
        <code> proclens predict</code> output, or JSONL / CSV with <code>episode, frame_index, progress</code>. Files stay in this browser.</p>
      {loaded.length > 0 && (
        <ul className="space-y-1" aria-label="Loaded prediction files">
          {loaded.map((f) => {
            const { parts, problems } = readLoadedPredictions(f)
            return (
              <li key={f.id} className="flex items-center gap-2 rounded border border-zinc-800 px-2 py-1 text-xs">
                <span className="font-medium text-zinc-100">{f.model}</span>
                {f.instruction !== undefined && <span className="truncate text-zinc-400" title={f.instruction}>“{f.instruction}”</span>}
                <span className="ml-auto font-mono text-zinc-500" title={problems.map((p) => p.message).join('\n')}>
                  {f.name} · {parts.length} episode{parts.length === 1 ? '' : 's'}{problems.length > 0 ? ` · ${problems.length} problem${problems.length === 1 ? '' : 's'}` : ''}
                </span>
                <Button size="sm" variant="ghost" aria-label={`Remove ${f.name}`} onClick={() => void remove(f)}>✕</Button>
              </li>
            )
          })}
        </ul>
      )}
      <label className="block text-xs text-zinc-400">
        Add files
        <input type="file" multiple accept=".jsonl,.json,.csv" aria-label="Prediction files" className="mt-1 block text-xs"
          onChange={(e) => { const files = e.currentTarget.files; if (files !== null) void choose(files); e.currentTarget.value = '' }} />
      </label>
      {episode.data !== undefined && (
        <PredictForm source={source} episode={episode.data} onDone={async (r) => {
          await db.predictionFiles.add({ dataset: identity, name: r.name, model: r.model, instruction: r.instruction, text: r.text, addedAt: Date.now() })
          await invalidatePredictions(client, root)
        }} />
      )}
      {pending.length > 0 && (
        <div className="space-y-1" data-testid="pending-predictions">
          {pending.map((p, i) => (
            <div key={`${p.name}-${i}`} className="grid grid-cols-[1fr_1fr_2fr] items-center gap-2 text-xs">
              <span className="truncate font-mono text-zinc-400" title={p.name}>{p.name}</span>
              <input aria-label={`Model of ${p.name}`} className={field} value={p.model} onChange={(e) => setPending(pending.map((q, j) => (j === i ? { ...q, model: e.target.value } : q)))} />
              <input aria-label={`Instruction of ${p.name}`} placeholder="instruction the model was given" className={field} value={p.instruction}
                onChange={(e) => setPending(pending.map((q, j) => (j === i ? { ...q, instruction: e.target.value } : q)))} />
            </div>
          ))}
          <div className="flex justify-end gap-2">
            <Button size="sm" variant="ghost" onClick={() => setPending([])}>Discard</Button>
            <Button size="sm" variant="primary" onClick={() => void add()}>Add {pending.length} file{pending.length === 1 ? '' : 's'}</Button>
          </div>
        </div>
      )}
    </Dialog>
  )
}
