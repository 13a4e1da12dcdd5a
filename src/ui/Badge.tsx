import type { ReactNode } from 'react'
import { cn } from '../lib/cn'

export type Tone = 'neutral' | 'ok' | 'warn' | 'error' | 'info'

const tones: Record<Tone, string> = {
  neutral: 'bg-zinc-800 text-zinc-300 border-zinc-700',
  ok: 'bg-emerald-950 text-emerald-300 border-emerald-800',
  warn: 'bg-amber-950 text-amber-300 border-amber-800',
  error: 'bg-red-950 text-red-300 border-red-800',
  info: 'bg-sky-950 text-sky-300 border-sky-800',
}

/** A small status pill. */
export function Badge({ tone = 'neutral', children, title }: { tone?: Tone; children: ReactNode; title?: string | undefined }) {
  return (
    <span title={title} className={cn('inline-flex items-center rounded border px-1.5 text-[11px] leading-[18px] whitespace-nowrap', tones[tone])}>
      {children}
    </span>
  )
}
