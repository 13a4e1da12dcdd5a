import { useEffect, useRef, useState } from 'react'

/**
 * A labelled number field that commits every parseable value as it is typed, but leaves the text alone while it
 * has focus (so "0." is not rewritten to "0"); it shows the stored value again when it loses focus.
 */
export function NumberField({ label, value, onCommit, step, min, max, title, disabled }: {
  label: string
  value: number
  onCommit: (value: number) => void
  step: number
  min?: number
  max?: number
  title?: string
  disabled?: boolean
}) {
  const [text, setText] = useState(String(value))
  const focused = useRef(false)
  useEffect(() => {
    if (!focused.current) setText(String(value))
  }, [value])
  return (
    <label className="flex items-center gap-1" title={title}>
      <span className="text-zinc-400">{label}</span>
      <input
        type="number"
        className="h-6 w-16 rounded border border-zinc-700 bg-zinc-950 px-1 font-mono text-xs text-zinc-100 disabled:opacity-40"
        value={text}
        step={step}
        {...(min !== undefined ? { min } : {})}
        {...(max !== undefined ? { max } : {})}
        disabled={disabled}
        onFocus={() => { focused.current = true }}
        onBlur={() => {
          focused.current = false
          setText(String(value))
        }}
        onChange={(e) => {
          setText(e.target.value)
          const v = Number(e.target.value)
          if (e.target.value.trim() !== '' && Number.isFinite(v)) onCommit(v)
        }}
      />
    </label>
  )
}
