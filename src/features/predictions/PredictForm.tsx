import { useRef, useState } from 'react'
import type { FormEvent } from 'react'
import type { Protocol } from '@/core/predict/runMeta'
import { referenceCamera } from '@/core/referenceCamera'
import type { DatasetSource, EpisodeData } from '@/data/DatasetSource'
import { predictEpisode } from '@/data/browser/predictEpisode'
import { Button } from '@/ui/Button'

export interface PredictResult {
  name: string
  model: string
  instruction: string
  text: string
}

/**
 * Get a curve for the open episode from a served model (vLLM, SGLang, a hosted API), as `proclens predict`
 * does. The API key lives in this form's memory only: never saved, never in a URL, gone with the dialog. The
 * server must allow this page's origin (vLLM: `--allowed-origins`).
 */
export function PredictForm({ source, episode, onDone }: { source: DatasetSource; episode: EpisodeData; onDone: (result: PredictResult) => Promise<void> }) {
  const [endpoint, setEndpoint] = useState('http://localhost:8000/v1')
  const [model, setModel] = useState('')
  const [apiKey, setApiKey] = useState('')
  const [protocol, setProtocol] = useState<Protocol>('procvlm')
  const [stride, setStride] = useState(Math.max(1, Math.round(episode.fps)))
  const [instruction, setInstruction] = useState(episode.task)
  const [state, setState] = useState<{ phase: string; done: number; total: number } | { error: string } | undefined>()
  const abort = useRef<AbortController | undefined>(undefined)
  const camera = episode.cameras.find((c) => c.key === referenceCamera(episode.cameras.map((k) => k.key), source.name)?.key)

  async function run(e: FormEvent) {
    e.preventDefault()
    if (camera === undefined) return
    const controller = new AbortController()
    abort.current = controller
    setState({ phase: 'frames', done: 0, total: 1 })
    try {
      const { text } = await predictEpisode({
        source, episode, camera, endpoint: endpoint.trim(), model: model.trim(), apiKey: apiKey === '' ? undefined : apiKey, protocol,
        sampling: { kind: 'stride', stride }, instruction, signal: controller.signal,
        onProgress: (done, total, phase) => setState({ phase, done, total }),
      })
      await onDone({ name: `${model.trim()}.${protocol}.${episode.name}.jsonl`, model: model.trim(), instruction, text })
      setState(undefined)
    } catch (error) {
      setState(controller.signal.aborted ? undefined : { error: error instanceof Error ? error.message : String(error) })
    } finally {
      abort.current = undefined
    }
  }

  const field = 'h-6 w-full rounded border border-zinc-700 bg-zinc-950 px-1 text-xs text-zinc-100'
  const running = state !== undefined && !('error' in state)
  return (
    <form onSubmit={(e) => void run(e)} className="space-y-1.5 rounded border border-zinc-800 p-2 text-xs" aria-label="Predict this episode">
      <div className="font-medium text-zinc-200">Predict {episode.name} with a served model</div>
      <div className="grid grid-cols-[110px_1fr] items-center gap-1.5">
        <label htmlFor="predict-endpoint" className="text-zinc-400">Endpoint</label>
        <input id="predict-endpoint" className={field} value={endpoint} onChange={(e) => setEndpoint(e.target.value)} />
        <label htmlFor="predict-model" className="text-zinc-400">Model</label>
        <input id="predict-model" className={field} value={model} onChange={(e) => setModel(e.target.value)} placeholder="as the server names it" />
        <label htmlFor="predict-key" className="text-zinc-400">API key</label>
        <input id="predict-key" type="password" autoComplete="off" className={field} value={apiKey} onChange={(e) => setApiKey(e.target.value)} placeholder="kept in memory only; empty for a local server" />
        <label htmlFor="predict-protocol" className="text-zinc-400">Protocol</label>
        <select id="predict-protocol" className={field} value={protocol} onChange={(e) => setProtocol(e.target.value as Protocol)}>
          <option value="procvlm">procvlm: one request per sampled frame, 8 history frames</option>
          <option value="gvl">gvl: every sampled frame shuffled in one request</option>
        </select>
        <label htmlFor="predict-stride" className="text-zinc-400">Every N frames</label>
        <input id="predict-stride" type="number" min={1} className={field} value={stride} onChange={(e) => { const n = Math.floor(Number(e.target.value)); setStride(Number.isFinite(n) && n >= 1 ? n : 1) }} />
        <label htmlFor="predict-instruction" className="text-zinc-400">Instruction</label>
        <input id="predict-instruction" className={field} value={instruction} onChange={(e) => setInstruction(e.target.value)} />
      </div>
      {running && <div data-testid="predict-progress" className="text-zinc-400">{state.phase}: {state.done} / {state.total}</div>}
      {state !== undefined && 'error' in state && <p role="alert" className="text-red-300">{state.error}</p>}
      <div className="flex justify-end gap-2">
        {running
          ? <Button size="sm" variant="danger" onClick={() => abort.current?.abort()}>Cancel</Button>
          : <Button size="sm" variant="primary" type="submit" disabled={model.trim() === '' || endpoint.trim() === '' || camera === undefined}>Predict</Button>}
      </div>
    </form>
  )
}
