import { cn } from '../lib/cn'

export interface SegmentedOption<T extends string> {
  value: T
  label: string
  title?: string
  /** Classes of the chosen option (its colour); a neutral highlight by default. */
  chosenClass?: string
}

/** One choice out of a few, as a row of radio buttons (the segment's kind, the outcome). */
export function Segmented<T extends string>({ label, options, value, onChange }: {
  label: string
  options: readonly SegmentedOption<T>[]
  value: T
  onChange: (value: T) => void
}) {
  return (
    <div className="flex gap-1" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          title={o.title}
          onClick={() => onChange(o.value)}
          className={cn('h-6 rounded border px-2 text-xs',
            value === o.value ? (o.chosenClass ?? 'border-sky-500 bg-sky-950 text-sky-100') : 'border-zinc-700 text-zinc-300 hover:bg-zinc-800')}
        >
          {o.label}
        </button>
      ))}
    </div>
  )
}
