import type { ReactNode } from 'react'
import { cn } from '../lib/cn'

/** A titled region of the workspace. */
export function Panel({ title, actions, children, className }: {
  title?: ReactNode
  actions?: ReactNode
  children: ReactNode
  className?: string
}) {
  return (
    <section className={cn('flex min-h-0 flex-col rounded-md border border-zinc-800 bg-zinc-900', className)}>
      {title !== undefined && (
        <header className="flex h-8 shrink-0 items-center justify-between gap-2 border-b border-zinc-800 px-2 text-xs font-medium uppercase tracking-wide text-zinc-400">
          <span className="truncate">{title}</span>
          {actions}
        </header>
      )}
      {children}
    </section>
  )
}
