import { cn } from '../lib/cn'
import { Remedy } from './Remedy'

export interface Message {
  severity: 'error' | 'warning'
  /** Where: file:line, episode. */
  place?: string
  text: string
  /** What to do about it; backticked spans are code (see {@link Remedy}). */
  remedy?: string
}

/**
 * A list of problems or warnings, errors first, each followed by what to do about it. Presentational: callers
 * map their own types to `Message`.
 */
export function MessageList({ messages, className }: { messages: readonly Message[]; className?: string }) {
  const sorted = [...messages].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
  return (
    <ul className={cn('divide-y divide-zinc-800 text-xs', className)}>
      {sorted.map((m, i) => (
        <li key={`${i}:${m.place ?? ''}:${m.text}`} className="flex gap-2 px-2 py-1.5">
          <span className={cn('mt-0.5 h-2 w-2 shrink-0 rounded-full', m.severity === 'error' ? 'bg-red-500' : 'bg-amber-400')} aria-label={m.severity} />
          <div className="min-w-0">
            {m.place !== undefined && <span className="mr-1 font-mono text-zinc-500">{m.place}</span>}
            <span className="text-zinc-200 [overflow-wrap:anywhere]">{m.text}</span>
            {m.remedy !== undefined && <Remedy text={m.remedy} />}
          </div>
        </li>
      ))}
    </ul>
  )
}
