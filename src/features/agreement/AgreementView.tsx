import { useMemo, useState } from 'react'
import { compareAnnotators, DEFAULT_TOLERANCE } from '@/core/agreement'
import type { OverallAgreement } from '@/core/agreement'
import { agreementCsv } from '@/core/agreement/agreementCsv'
import type { Problem } from '@/core/problems'
import { cn } from '@/lib/cn'
import { Button } from '@/ui/Button'
import type { Message } from '@/ui/MessageList'
import { MessageList } from '@/ui/MessageList'
import { Panel } from '@/ui/Panel'
import { AgreementTable } from './AgreementTable'
import { downloadText } from '@/lib/downloadText'
import { mergeRecordFiles, readRecordFiles } from './recordFiles'
import type { RecordFile } from './recordFiles'
import { RecordFilesInput } from './RecordFilesInput'

export interface AgreementViewProps {
  className?: string
  /** Annotators' documents that come from elsewhere than a file (the team server's heads), compared with the files. */
  teamSources?: readonly RecordFile[]
}

function toMessage(p: Problem): Message {
  const place = [p.file === undefined ? undefined : p.line === undefined ? p.file : `${p.file}:${p.line}`, p.episode === undefined ? undefined : String(p.episode)]
    .filter((x) => x !== undefined).join(' ')
  return { severity: p.severity, text: `${p.kind}: ${p.message}`, ...(place === '' ? {} : { place }), ...(p.remedy === undefined ? {} : { remedy: p.remedy }) }
}

function Overall({ overall }: { overall: OverallAgreement }) {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`
  const stats: [string, string, string][] = [
    ['Boundary F1', overall.boundaryF1.toFixed(3), 'Micro-averaged over every pair: 2·matched / (2·matched + unmatched)'],
    ['Labels', pct(overall.labelAgreement), 'Frames with the same label, over every pair (longer episodes weigh more)'],
    ['Outcome', pct(overall.outcomeAgreement), 'Pairs whose outcomes agree'],
    ['Budget Δ', overall.budgetMeanAbsDifference === undefined ? '–' : `${(overall.budgetMeanAbsDifference * 100).toFixed(1)} pp`, 'Mean |share difference| over every step named alike'],
    ['Budget Δ max', overall.budgetMaxAbsDifference === undefined ? '–' : `${(overall.budgetMaxAbsDifference * 100).toFixed(1)} pp`, 'Largest |share difference| of any step'],
    ['Compared', `${overall.episodes} episodes · ${overall.pairs} pairs`, 'Episodes with two or more annotators of the same length'],
  ]
  return (
    <dl className="grid grid-cols-3 gap-2 text-xs lg:grid-cols-6" aria-label="Overall agreement">
      {stats.map(([label, value, title]) => (
        <div key={label} title={title} className="rounded border border-zinc-800 px-2 py-1">
          <dt className="text-[11px] uppercase tracking-wide text-zinc-500">{label}</dt>
          <dd className="text-sm tabular-nums text-zinc-100">{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/**
 * Agreement between annotators: two or more records files of the same episodes, compared as `proclens agree`
 * compares them (docs/agreement.md). Everything stays in this view: the files are read in the browser and kept
 * only while it is open.
 */
export function AgreementView({ className, teamSources = [] }: AgreementViewProps) {
  const [picked, setFiles] = useState<RecordFile[]>([])
  const files = useMemo(() => [...teamSources, ...picked], [teamSources, picked])
  const [toleranceText, setToleranceText] = useState(String(DEFAULT_TOLERANCE))
  const [tolerance, setTolerance] = useState(DEFAULT_TOLERANCE)
  const report = useMemo(() => compareAnnotators(files.map((f) => f.annotator), { tolerance }), [files, tolerance])
  const messages = [...files.flatMap((f) => f.problems), ...report.problems].map(toMessage)
  const toleranceValid = /^\d+$/.test(toleranceText)

  function add(picked: File[]) {
    void readRecordFiles(picked).then((read) => setFiles((current) => mergeRecordFiles(current, read)))
  }

  const actions = (
    <Button size="sm" variant="primary" disabled={report.episodes.length === 0} onClick={() => downloadText('agreement.csv', agreementCsv(report), 'text/csv')}>
      Download CSV
    </Button>
  )
  return (
    <Panel title="Agreement between annotators" actions={actions} className={cn('min-h-0', className)}>
      <div className="flex min-h-0 flex-1 flex-col gap-3 overflow-auto p-3">
        {teamSources.length > 0 && (
          <p className="text-xs text-zinc-400" aria-label="From the team server">
            From the team server: {teamSources.map((s) => `${s.annotator.name} (${s.annotator.docs.length} episode${s.annotator.docs.length === 1 ? '' : 's'})`).join(', ')}
          </p>
        )}
        <RecordFilesInput files={picked} onAdd={add} onRemove={(name) => setFiles((current) => current.filter((f) => f.fileName !== name))} />
        <label className="flex items-center gap-2 text-xs text-zinc-300">
          Boundaries agree within ±
          <input
            type="number"
            min={0}
            step={1}
            value={toleranceText}
            aria-label="Tolerance in frames"
            aria-invalid={!toleranceValid}
            onChange={(e) => {
              setToleranceText(e.target.value)
              if (/^\d+$/.test(e.target.value)) setTolerance(Number(e.target.value))
            }}
            className="h-6 w-16 rounded border border-zinc-700 bg-zinc-950 px-1 text-right tabular-nums aria-[invalid=true]:border-red-500"
          />
          frames
        </label>
        {files.length < 2 && <p className="text-sm text-zinc-500">Add {files.length === 0 ? 'two or more records files' : 'one more annotator\'s records file'} to compare.</p>}
        {report.overall !== undefined && <Overall overall={report.overall} />}
        {report.episodes.length > 0 && <AgreementTable episodes={report.episodes} />}
        {messages.length > 0 && <MessageList messages={messages} className="rounded border border-zinc-800" />}
      </div>
    </Panel>
  )
}
