import { useMemo, useState } from 'react'
import { BIN_SPECS, histogram, meansByModel, SCORE_KEYS } from '@/core/metrics/corpusScores'
import type { CorpusScoreRow, ModelMeans, ScoreKey } from '@/core/metrics/corpusScores'
import { corpusScoresCsv } from '@/core/metrics/corpusScoresCsv'
import type { Problem } from '@/core/problems'
import type { DatasetRoot } from '@/data/browser/queries'
import { cn } from '@/lib/cn'
import { downloadText } from '@/lib/downloadText'
import { Button } from '@/ui/Button'
import type { Message } from '@/ui/MessageList'
import { MessageList } from '@/ui/MessageList'
import { Panel } from '@/ui/Panel'
import { MetricHistogram } from './MetricHistogram'
import { SCORE_LABELS } from './metricsColumns'
import { MetricsTable } from './MetricsTable'
import { useCorpusMetrics } from './useCorpusMetrics'
import type { LoadCorpusMetrics } from './useCorpusMetrics'

export interface CorpusMetricsViewProps {
  root: DatasetRoot
  /** The dataset's identity in storage (`datasetIdentity`): where saved corrections and visual changes are. */
  identity: string
  /** A row was chosen: open this episode at this frame (its worst). */
  onOpen: (episodeIndex: number, frame: number) => void
  className?: string
  /** The data function; `loadCorpusMetrics` over the app's query client and database when absent. */
  load?: LoadCorpusMetrics
}

const ALL = ''

function toMessage(p: Problem): Message {
  return { severity: p.severity, text: `${p.kind}: ${p.message}`, ...(p.episode === undefined ? {} : { place: String(p.episode) }) }
}

const digits = (key: ScoreKey): number => (key === 'MAE' || key === 'finalError' || key === 'monotonicityViolations' ? 1 : 3)

function Means({ means }: { means: readonly ModelMeans[] }) {
  return (
    <table className="text-xs tabular-nums" aria-label="Corpus means per model">
      <thead>
        <tr className="text-zinc-500">
          <th scope="col" className="px-2 text-left font-medium">Model</th>
          <th scope="col" className="px-2 text-right font-medium" title="Scored episodes (left out: fewer than 2 frames)">Episodes</th>
          {SCORE_KEYS.map((k) => <th key={k} scope="col" className="px-2 text-right font-medium">{SCORE_LABELS[k]}</th>)}
        </tr>
      </thead>
      <tbody>
        {means.map((m) => (
          <tr key={m.model} className="text-zinc-200">
            <th scope="row" className="px-2 text-left font-normal">{m.model}</th>
            <td className="px-2 text-right">{m.episodes}{m.excluded > 0 ? ` (+${m.excluded} left out)` : ''}</td>
            {SCORE_KEYS.map((k) => <td key={k} className="px-2 text-right">{m.mean[k].toFixed(digits(k))}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Histograms({ model, rows }: { model: string; rows: readonly CorpusScoreRow[] }) {
  const scored = rows.flatMap((r) => (r.scores === undefined ? [] : [r.scores]))
  return (
    <section aria-label={`Histograms of ${model}`} className="flex flex-col gap-1">
      <h3 className="text-xs text-zinc-400">{model}</h3>
      <div className="flex flex-wrap gap-3">
        {SCORE_KEYS.map((k) => <MetricHistogram key={k} label={SCORE_LABELS[k]} histogram={histogram(scored.map((s) => s[k]), BIN_SPECS[k])} />)}
      </div>
    </section>
  )
}

/** How the targets were built, so a reader knows which rows rest on time-spread budgets. */
function TargetNote({ rows }: { rows: readonly CorpusScoreRow[] }) {
  const episodes = (kind: CorpusScoreRow['targetKind']) => new Set(rows.filter((r) => r.targetKind === kind).map((r) => r.index)).size
  const corrected = new Set(rows.filter((r) => r.corrected).map((r) => r.index)).size
  return (
    <p className="text-xs text-zinc-500">
      Targets: {episodes('hashed')} episodes from their visual change (hashed in this browser), {episodes('time')} with each step&apos;s
      budget spread by time (open an episode to hash it); {corrected} from a saved correction (*), the rest from the proposal.
    </p>
  )
}

/**
 * Progress metrics of every model curve of the dataset against its target (docs/metrics.md, "Corpus metrics in
 * the app"): the core's numbers, the same as `proclens metrics` on the same files. A row opens its episode at
 * the frame where the curve is furthest from the target.
 */
export function CorpusMetricsView({ root, identity, onOpen, className, load }: CorpusMetricsViewProps) {
  const [run, setRun] = useState(0)
  const [model, setModel] = useState(ALL)
  const state = useCorpusMetrics(root, identity, load, run)
  const all = useMemo(() => (state.status === 'done' ? state.result.rows : []), [state])
  const models = useMemo(() => [...new Set(all.map((r) => r.model))], [all])
  const rows = useMemo(() => (model === ALL ? all : all.filter((r) => r.model === model)), [all, model])
  const means = useMemo(() => meansByModel(rows), [rows])

  const actions = (
    <div className="flex items-center gap-2 normal-case tracking-normal">
      <label className="flex items-center gap-1 text-xs text-zinc-400">
        Model
        <select value={model} onChange={(e) => setModel(e.target.value)} className="h-6 rounded border border-zinc-700 bg-zinc-950 px-1 text-zinc-200">
          <option value={ALL}>All models</option>
          {models.map((m) => <option key={m} value={m}>{m}</option>)}
        </select>
      </label>
      <Button size="sm" disabled={state.status === 'loading'} onClick={() => setRun((r) => r + 1)}>Recompute</Button>
      <Button size="sm" variant="primary" disabled={rows.length === 0} onClick={() => downloadText('corpus-metrics.csv', corpusScoresCsv(rows), 'text/csv')}>
        Download CSV
      </Button>
    </div>
  )
  return (
    <Panel title="Corpus metrics" actions={actions} className={cn('min-h-0', className)}>
      <div className="flex min-h-0 flex-1 flex-col gap-3 overflow-auto p-3">
        {state.status === 'loading' && (
          <p className="text-sm text-zinc-400" role="status">Scoring episodes… {state.total > 0 ? `${state.done} of ${state.total}` : ''}</p>
        )}
        {state.status === 'error' && <p className="text-sm text-red-400" role="alert">The corpus could not be scored: {state.message}</p>}
        {state.status === 'done' && all.length === 0 && <p className="text-sm text-zinc-500">No episode of this dataset has model predictions (annotation/inference/…).</p>}
        {rows.length > 0 && (
          <>
            <Means means={means} />
            <TargetNote rows={rows} />
            <div className="flex flex-col gap-2">{means.map((m) => <Histograms key={m.model} model={m.model} rows={rows.filter((r) => r.model === m.model)} />)}</div>
            <MetricsTable rows={rows} onOpen={onOpen} />
          </>
        )}
        {state.status === 'done' && state.result.problems.length > 0 && <MessageList messages={state.result.problems.map(toMessage)} className="rounded border border-zinc-800" />}
      </div>
    </Panel>
  )
}
