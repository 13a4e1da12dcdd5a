import type { ReactNode } from 'react'

/** A key cap, for shortcut hints and the help overlay. */
export function Kbd({ children }: { children: ReactNode }) {
  return (
    <kbd className="inline-block min-w-5 rounded border border-zinc-600 border-b-2 bg-zinc-800 px-1 text-center font-mono text-[11px] leading-4 text-zinc-200">
      {children}
    </kbd>
  )
}
