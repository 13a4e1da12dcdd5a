/**
 * What the export dialog offers: which episodes (all, those with a verdict, those the list shows) and which
 * formats, with what each format is for. Pure, so the counts and the default choices are tested as data.
 */
import type { ReviewState } from '@/core/review'
import type { ExportFormat } from '@/data/exports/runExport'

export type EpisodeScope = 'all' | 'accepted' | 'reviewed' | 'shown'

export const FORMAT_INFO: Record<ExportFormat, { title: string; detail: string }> = {
  proccorpus: { title: 'ProcCorpus', detail: "ProcVLM's per-frame labels, v2/sub_task/<dataset>/<episode>.sub_task.jsonl" },
  procvqa: { title: 'ProcVQA', detail: 'question-answer records (families a, b, c) with the frames as JPEG; answers from the corrected target' },
  lerobot: { title: 'LeRobot (SARM)', detail: "a copy of a LeRobot v3.0 dataset's meta/ with SARM's subtask columns" },
  records: { title: 'ProcLens records', detail: 'lossless: documents, edit logs and reviews; import them in another browser' },
  selection: { title: 'Selection lists', detail: 'accepted, rejected and flagged episodes as ProcVLM reads selection files' },
}

export const SCOPE_LABELS: Record<EpisodeScope, string> = {
  all: 'every episode',
  accepted: 'accepted episodes',
  reviewed: 'episodes with a verdict',
  shown: 'episodes the list shows',
}

/** The episode indices of each scope, in index order (exports write episodes in index order, whatever the list's sort). */
export function scopeEpisodes(
  scope: EpisodeScope,
  input: { count: number; reviews: ReadonlyMap<number, ReviewState>; listOrder: readonly number[] | undefined },
): number[] {
  const all = (): number[] => Array.from({ length: input.count }, (_, i) => i)
  switch (scope) {
    case 'all': return all()
    case 'shown': return input.listOrder === undefined ? all() : [...input.listOrder].sort((a, b) => a - b)
    case 'accepted': return [...input.reviews].filter(([, r]) => r.status === 'accepted').map(([i]) => i).sort((a, b) => a - b)
    case 'reviewed': return [...input.reviews].filter(([, r]) => r.status === 'accepted' || r.status === 'rejected' || r.status === 'flagged').map(([i]) => i).sort((a, b) => a - b)
  }
}
