import { useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import type { EpisodeRecord } from '@/core/formats/records'
import type { Problem } from '@/core/problems'
import { ProblemLog } from '@/core/problems'
import { db } from '@/data/browser/db'
import { importRecords } from '@/data/browser/importRecords'
import type { ImportResult } from '@/data/browser/importRecords'
import type { DatasetRoot } from '@/data/browser/queries'
import { episodeAnnotationOptions } from '@/data/browser/queries'
import type { DatasetSource } from '@/data/DatasetSource'
import { Button } from '@/ui/Button'
import { Dialog } from '@/ui/Dialog'
import { ProblemGroups } from './ProblemGroups'

type Step =
  | { state: 'choose' }
  | { state: 'review'; file: string; records: EpisodeRecord[]; problems: Problem[]; existing: number }
  | { state: 'importing' }
  | { state: 'done'; result: ImportResult }

/**
 * Import ProcLens records (exported from this or another browser, or written by `proclens export --format
 * records`): each episode's correction, edit log and review replace what this browser holds for it. The page
 * reloads afterwards so the open episode shows what was imported.
 */
export function ImportDialog({ root, source, identity, onClose }: { root: DatasetRoot; source: DatasetSource; identity: string; onClose: () => void }) {
  const client = useQueryClient()
  const [step, setStep] = useState<Step>({ state: 'choose' })

  async function read(file: File) {
    // The record schema (zod) loads with the first import, not with the app.
    const { parseEpisodeRecords } = await import('@/core/formats/records')
    const log = new ProblemLog({ file: file.name })
    const records = parseEpisodeRecords(await file.text(), log)
    const mine = records.filter((r) => r.doc.dataset === source.name)
    const existing = (await db.heads.where('dataset').equals(identity).primaryKeys()).filter(([, e]) => mine.some((r) => r.doc.episodeIndex === e)).length
    setStep({ state: 'review', file: file.name, records, problems: log.problems, existing })
  }

  async function run(records: EpisodeRecord[]) {
    setStep({ state: 'importing' })
    const result = await importRecords(db, {
      identity, datasetName: source.name, episodeCount: source.episodeCount,
      proposal: async (index) => {
        const [summary] = await source.listEpisodes(index, index + 1)
        return summary === undefined ? undefined : (await client.fetchQuery(episodeAnnotationOptions(root, summary))).doc
      },
    }, records)
    setStep({ state: 'done', result })
  }

  return (
    <Dialog label="Import records" title={`Import ProcLens records into ${source.name}`} width="w-[520px]" onClose={onClose}>
      {step.state === 'choose' && (
        <label className="block space-y-1">
          <span className="text-xs text-zinc-400">A <code>.records.jsonl</code> file (or one <code>.record.json</code>)</span>
          <input type="file" accept=".jsonl,.json" aria-label="Records file" className="block text-xs"
            onChange={(e) => { const f = e.currentTarget.files?.[0]; if (f !== undefined) void read(f) }} />
        </label>
      )}
      {step.state === 'review' && (
        <div className="space-y-2" data-testid="import-review">
          <p>{step.file}: {step.records.length.toLocaleString()} record{step.records.length === 1 ? '' : 's'}
            {step.existing > 0 && <>; <span className="text-amber-300">{step.existing} episode{step.existing === 1 ? ' has' : 's have'} saved work here that will be replaced</span></>}.</p>
          <ProblemGroups problems={step.problems} />
          <div className="flex justify-end gap-2">
            <Button size="sm" variant="ghost" onClick={onClose}>Cancel</Button>
            <Button size="sm" variant="primary" disabled={step.records.length === 0} onClick={() => void run(step.records)}>Import</Button>
          </div>
        </div>
      )}
      {step.state === 'importing' && <p className="text-zinc-400">Importing…</p>}
      {step.state === 'done' && (
        <div className="space-y-2" data-testid="import-summary">
          <p className="text-emerald-300">Imported {step.result.imported.toLocaleString()} episode{step.result.imported === 1 ? '' : 's'}{step.result.replaced > 0 ? ` (${step.result.replaced} replaced)` : ''}.</p>
          <ProblemGroups problems={step.result.problems} />
          <div className="flex justify-end"><Button size="sm" variant="primary" onClick={() => window.location.reload()}>Reload to see them</Button></div>
        </div>
      )}
    </Dialog>
  )
}
