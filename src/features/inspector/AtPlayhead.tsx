import { useState } from 'react'
import { segmentIndexAt, steps } from '@/core/annotation'
import { SEGMENT_STATUS_TEXT, segmentName, segmentStatus } from '@/core/docLabels'
import { progressAnswer } from '@/core/progressAnswer'
import { formatTimestamp } from '@/core/time'
import { remainingActionsAt, targetProgress } from '@/stores/annotationDerived'
import { selectDoc, useAnnotation } from '@/stores/annotationStore'
import { selectShownFrame, usePlayback } from '@/stores/playbackStore'

function currentStep(doc: NonNullable<ReturnType<typeof selectDoc>>, frame: number): string {
  const segment = doc.segments[segmentIndexAt(doc.segments, frame)]
  if (segment === undefined) return '–'
  const name = segmentName(segment, doc.outcome)
  const state = SEGMENT_STATUS_TEXT[segmentStatus(segment, doc.outcome)]
  if (segment.kind !== 'step') return `${name} (${state})`
  const all = steps(doc)
  return `${name} · step ${all.indexOf(segment) + 1} of ${all.length} · ${state}`
}

/**
 * What the document says at the playhead, as text beside the video: the current subtask and its state, the
 * remaining actions (the reasoning before the estimate), and the progress answer exactly as ProcVQA writes it.
 */
export function AtPlayhead({ similarities }: { similarities: Float64Array | undefined }) {
  const doc = useAnnotation(selectDoc)
  const frame = usePlayback(selectShownFrame)
  const [copied, setCopied] = useState(false)
  const [full, setFull] = useState(false)
  if (doc === undefined) return null
  const f = Math.min(frame, doc.frameCount - 1)
  const progress = targetProgress(doc, similarities).progress[f] ?? 0
  const remaining = remainingActionsAt(doc, f)
  const answer = progressAnswer({ progress, remaining, finishReason: doc.provenance.finishReason })
  return (
    <section className="space-y-2" aria-label="At the playhead">
      <div className="flex items-baseline justify-between text-[11px] text-zinc-500">
        <span className="uppercase tracking-wide">At the playhead</span>
        <span className="font-mono tabular-nums">frame {f} · {formatTimestamp(f, doc.fps)}</span>
      </div>
      <p className="text-sm leading-snug text-zinc-100" data-testid="current-subtask">{currentStep(doc, f)}</p>
      <div>
        <div className="text-[11px] text-zinc-500">Remaining actions</div>
        {remaining.length === 0 ? (
          <p className="text-xs text-zinc-400" data-testid="remaining-actions">none</p>
        ) : (
          <ol className="list-decimal pl-5 text-xs leading-5 text-zinc-200" data-testid="remaining-actions">
            {remaining.map((a, i) => <li key={i}>{a === null ? 'None' : a === '' ? <em className="text-zinc-500">unnamed step</em> : a}</li>)}
          </ol>
        )}
      </div>
      <details className="rounded border border-zinc-800 bg-zinc-950 px-2 py-1" open={full} onToggle={(e) => setFull(e.currentTarget.open)}>
        <summary className="flex cursor-pointer list-none items-center justify-between gap-2" title="The ProcVQA progress answer (family c) for this frame: click for the whole text">
          <span className="font-mono text-sm whitespace-nowrap text-sky-300" data-testid="answer-tag">{answer.tag}</span>
          <span className="text-[11px] whitespace-nowrap text-zinc-500">{full ? 'answer ▴' : 'answer ▾'}</span>
        </summary>
        {answer.text !== undefined && (
          <>
            <pre className="mt-1 font-mono text-[10.5px] leading-4 whitespace-pre-wrap text-zinc-400" data-testid="answer-text" aria-label="ProcVQA progress answer">{answer.text}</pre>
            <button
              type="button"
              className="rounded px-1.5 text-[11px] text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100"
              onClick={() => void navigator.clipboard?.writeText(answer.text ?? '').then(() => setCopied(true))}
            >
              {copied ? 'Copied' : 'Copy the answer'}
            </button>
          </>
        )}
        {answer.skipped !== undefined && <p className="mt-1 text-[11px] text-amber-300/90">{answer.skipped}</p>}
      </details>
    </section>
  )
}
