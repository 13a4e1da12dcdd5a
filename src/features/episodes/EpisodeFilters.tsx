import { REVIEW_STATUS_LABELS, REVIEW_STATUSES } from '@/core/review'
import type { ChangeEvent } from 'react'
import type { EpisodeFilter, FilesFilter, OutcomeFilter, PresenceFilter, ReviewStatus } from './episodeFilter'

const selectClass = 'h-7 min-w-0 rounded border border-zinc-700 bg-zinc-900 px-1 text-xs text-zinc-200'

type Options<T extends string> = readonly (readonly [T, string])[]

function Select<T extends string>({ label, name = label, value, options, groups = [], onChange }: {
  label: string
  /** The accessible name, when the visible label is abbreviated. */
  name?: string
  value: T
  options: Options<T>
  /** Further options under group headings. */
  groups?: readonly (readonly [string, Options<T>])[]
  onChange: (v: T) => void
}) {
  return (
    <label className="flex min-w-0 flex-1 flex-col gap-0.5 text-[10px] uppercase tracking-wide text-zinc-500">
      {label}
      <select aria-label={name} className={selectClass} value={value} onChange={(e: ChangeEvent<HTMLSelectElement>) => onChange(e.target.value as T)}>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
        {groups.map(([heading, items]) => (
          <optgroup key={heading} label={heading}>
            {items.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
          </optgroup>
        ))}
      </select>
    </label>
  )
}

const OUTCOME_GROUPS: readonly (readonly [string, Options<OutcomeFilter>])[] = [
  ['The VLM labels claim', [['done', 'done'], ['not-done', 'not done'], ['failed', 'failed'], ['unknown', 'unknown']]],
  ['The dataset records', [['dataset-success', 'success'], ['dataset-failure', 'failure']]],
  ['Both', [['disagree', 'VLM ≠ dataset']]],
]

const presence: readonly (readonly [PresenceFilter, string])[] = [['any', 'any'], ['yes', 'yes'], ['no', 'no']]

/** Search and filter controls above the episode list. */
export function EpisodeFilters({ filter, onChange }: { filter: EpisodeFilter; onChange: (f: EpisodeFilter) => void }) {
  return (
    <div className="space-y-1.5 border-b border-zinc-800 p-2">
      <input
        type="search"
        aria-label="Filter episodes by task or name"
        placeholder="Filter by task, name or #index"
        value={filter.text}
        onChange={(e) => onChange({ ...filter, text: e.target.value })}
        className="h-7 w-full rounded border border-zinc-700 bg-zinc-950 px-2 text-xs text-zinc-100 placeholder:text-zinc-600"
      />
      <div className="flex gap-1.5">
        <Select<ReviewStatus | 'any'> label="Status" value={filter.status} onChange={(status) => onChange({ ...filter, status })}
          options={[['any', 'any'], ...REVIEW_STATUSES.map((st) => [st, REVIEW_STATUS_LABELS[st]] as [ReviewStatus, string])]} />
        <Select<OutcomeFilter> label="Outcome" value={filter.outcome} onChange={(outcome) => onChange({ ...filter, outcome })}
          options={[['any', 'any']]} groups={OUTCOME_GROUPS} />
        <Select<PresenceFilter> label="Labels" value={filter.annotations} onChange={(annotations) => onChange({ ...filter, annotations })} options={presence} />
        <Select<PresenceFilter> label="Pred." name="Predictions" value={filter.predictions} onChange={(predictions) => onChange({ ...filter, predictions })} options={presence} />
      </div>
      <div className="flex gap-1.5">
        <Select<FilesFilter> label="Files" value={filter.files} onChange={(files) => onChange({ ...filter, files })}
          options={[['any', 'any'], ['playable', 'playable'], ['complete', 'complete'], ['incomplete', 'incomplete'], ['missing', 'missing']]} />
        <Select<EpisodeFilter['sort']> label="Sort" value={filter.sort} onChange={(sort) => onChange({ ...filter, sort })}
          options={[['index', 'by index'], ['length-asc', 'shortest first'], ['length-desc', 'longest first'],
            ['queue:index', 'queue: to review'], ['queue:disagreement', 'queue: disagreement'],
            ['queue:failures', 'queue: failures'], ['queue:suspicious', 'queue: suspicious']]} />
      </div>
    </div>
  )
}
