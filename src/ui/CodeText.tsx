/**
 * Text whose `backticked` spans are code: monospace and selectable, and a whole command (`ffmpeg -i …`) on a
 * line of its own with a copy button. Problems' remedies and a failed open's advice are written this way.
 */
import { useState } from 'react'
import { cn } from '../lib/cn'

/**
 * A command in a remedy is code that runs on its own: it has a space and is not an option fragment
 * (`-c:v libsvtav1 -crf 30`) or an elided path (`…/resolve/main/…`).
 */
function isCommand(code: string): boolean {
  return code.includes(' ') && /^[a-z]/i.test(code)
}

function Command({ command }: { command: string }) {
  const [copied, setCopied] = useState(false)
  return (
    <span className="my-1 flex items-start gap-2">
      <code className="block min-w-0 rounded border border-zinc-800 bg-zinc-900 px-1.5 py-1 font-mono text-[11px] leading-4 text-zinc-200 select-all [overflow-wrap:anywhere]">{command}</code>
      {/* The Clipboard API exists only in secure contexts; elsewhere the code still selects with one click. */}
      {typeof navigator !== 'undefined' && navigator.clipboard !== undefined && (
        <button
          type="button"
          className="shrink-0 rounded border border-zinc-700 px-1.5 py-0.5 text-[11px] text-zinc-400 hover:bg-zinc-800 hover:text-zinc-200"
          onClick={() => {
            void navigator.clipboard.writeText(command).then(() => setCopied(true))
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      )}
    </span>
  )
}

export function CodeText({ text, codeClassName }: { text: string; codeClassName?: string }) {
  // Splitting on a captured group puts the code spans at the odd positions.
  const parts = text.split(/`([^`]+)`/)
  return parts.map((part, i) => {
    // After a command on its own line, the sentence's ". " or ", " would start the next line.
    if (i % 2 === 0) return i > 0 && isCommand(parts[i - 1] ?? '') ? part.replace(/^[.,;:]\s*/, '') : part
    if (isCommand(part)) return <Command key={i} command={part} />
    return <code key={i} className={cn('font-mono text-[11px] text-zinc-300', codeClassName)}>{part}</code>
  })
}
