import type { ReactNode } from 'react'
import { cn } from '../lib/cn'
import { Button } from './Button'

/**
 * A modal dialog near the top of the page: a titled box over a dimmed workspace, closed by ✕ or Escape. Escape
 * stops there, so the workspace's keys never see it. While `busy` (an export writing), neither closes it.
 */
export function Dialog({ label, title, width, busy = false, onClose, children }: {
  /** The dialog's accessible name (tests and screen readers find it by this). */
  label: string
  title: ReactNode
  /** A Tailwind width class, e.g. `w-[520px]`. */
  width: string
  busy?: boolean
  onClose: () => void
  children: ReactNode
}) {
  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-black/50 pt-20" role="dialog" aria-modal="true" aria-label={label}
      onKeyDown={(e) => { if (e.key === 'Escape' && !busy) { e.stopPropagation(); onClose() } }}>
      <div className={cn(width, 'space-y-3 rounded-lg border border-zinc-700 bg-zinc-900 p-4 text-sm text-zinc-200 shadow-xl')}>
        <header className="flex items-center justify-between">
          <h2 className="text-base font-medium text-zinc-50">{title}</h2>
          <Button size="sm" variant="ghost" onClick={onClose} disabled={busy} aria-label="Close">✕</Button>
        </header>
        {children}
      </div>
    </div>
  )
}
