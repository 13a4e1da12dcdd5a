import { useState } from 'react'
import type { FormEvent } from 'react'
import { reviewStore, useReview } from '@/stores/reviewStore'
import { Button } from '@/ui/Button'

/**
 * What a verdict needs before it is written: the reviewer's name (asked once, then kept in settings), or the
 * reason for a flag or a rejection. Enter confirms, Escape (or Cancel) drops the verdict.
 */
export function ReviewPrompt() {
  const prompt = useReview((s) => s.prompt)
  if (prompt === undefined) return null
  return <PromptDialog key={prompt.kind === 'name' ? 'name' : prompt.status} />
}

function PromptDialog() {
  const prompt = useReview((s) => s.prompt)!
  const reviewer = useReview((s) => s.reviewer)
  const [text, setText] = useState(prompt.kind === 'name' ? reviewer : '')
  const title = prompt.kind === 'name' ? 'Your name, for the review record' : prompt.status === 'flagged' ? 'Why flag this episode?' : 'Why reject this episode?'
  const hint = prompt.kind === 'name'
    ? 'Asked once and kept on this computer. It goes into exported records and selection lists.'
    : 'Kept with the review and exported with it.'
  function onSubmit(e: FormEvent) {
    e.preventDefault()
    const s = reviewStore.getState()
    if (prompt.kind === 'name') {
      if (text.trim() !== '') s.setReviewer(text)
    } else s.verdict(prompt.status, text.trim())
  }
  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-black/50 pt-32" role="dialog" aria-modal="true" aria-label={title}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); reviewStore.getState().dismiss() } }}>
      <form onSubmit={onSubmit} className="w-[420px] space-y-2 rounded-lg border border-zinc-700 bg-zinc-900 p-4 shadow-xl">
        <label className="block space-y-1">
          <span className="text-sm font-medium text-zinc-100">{title}</span>
          <input
            autoFocus
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="review-prompt-input"
            className="block h-8 w-full rounded border border-zinc-600 bg-zinc-950 px-2 text-sm text-zinc-100 outline-none focus:border-sky-500"
            placeholder={prompt.kind === 'name' ? 'e.g. Ana' : 'e.g. gripper hidden behind the box'}
          />
        </label>
        <p className="text-xs text-zinc-500">{hint}</p>
        <div className="flex justify-end gap-2">
          <Button size="sm" variant="ghost" onClick={() => reviewStore.getState().dismiss()}>Cancel</Button>
          <Button size="sm" variant="primary" type="submit" disabled={prompt.kind === 'name' && text.trim() === ''}>
            {prompt.kind === 'name' ? 'Save name' : prompt.status === 'flagged' ? 'Flag' : 'Reject'}
          </Button>
        </div>
      </form>
    </div>
  )
}
