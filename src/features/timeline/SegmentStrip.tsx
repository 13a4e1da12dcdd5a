import { useEffect, useRef } from 'react'
import type { MouseEvent } from 'react'
import type { AnnotationDoc } from '@/core/annotation'
import { cn } from '@/lib/cn'
import { playbackStore } from '@/stores/playbackStore'
import { stepColors, tailStyle } from './segmentColors'

/**
 * The episode's segments as one read-only strip with the playhead, click to seek. The playhead is moved
 * imperatively from the playback store, so playing never re-renders the strip.
 */
export function SegmentStrip({ doc, source }: { doc: AnnotationDoc; source: string }) {
  const colors = stepColors(doc.segments)
  const tail = tailStyle(doc.outcome)
  const playhead = useRef<HTMLDivElement>(null)
  const n = doc.frameCount

  useEffect(() => {
    function place(frame: number) {
      if (playhead.current !== null) playhead.current.style.left = `${((frame + 0.5) / n) * 100}%`
    }
    place(playbackStore.getState().frame)
    return playbackStore.subscribe((s) => place(s.frame))
  }, [n])

  function seek(e: MouseEvent<HTMLDivElement>) {
    const box = e.currentTarget.getBoundingClientRect()
    playbackStore.getState().seek(Math.floor(((e.clientX - box.left) / box.width) * n), 'user')
  }

  return (
    <div className="select-none">
      <div className="mb-1 flex items-baseline justify-between text-[11px] text-zinc-500">
        <span>Segments <span className="text-zinc-600">· {source}</span></span>
        <span>{doc.segments.filter((s) => s.kind === 'step').length} steps</span>
      </div>
      <div role="group" aria-label="Segments" className="relative h-9 cursor-pointer overflow-hidden rounded border border-zinc-800 bg-zinc-950" onClick={seek}>
        {doc.segments.map((s) => {
          const left = (s.start / n) * 100
          const width = ((s.end - s.start) / n) * 100
          const isStep = s.kind === 'step'
          const color = isStep ? (colors.get(s.label) ?? '#52525b') : s.kind === 'tail' ? tail.color : '#27272a'
          const title = isStep ? `${s.label} [${s.start}, ${s.end})${s.state === 'incomplete' ? ' · started, not completed' : ''}` : s.kind === 'tail' ? `${tail.label} [${s.start}, ${s.end})` : `outside the task [${s.start}, ${s.end})`
          return (
            <div
              key={s.id}
              data-segment={s.id}
              title={title}
              style={{ left: `${left}%`, width: `${width}%`, backgroundColor: isStep ? `${color}33` : color, borderColor: color }}
              className={cn('absolute inset-y-0 overflow-hidden border-l-2 px-1 text-[11px] leading-9 whitespace-nowrap', isStep ? 'text-zinc-100' : 'text-zinc-300',
                s.state === 'incomplete' && 'bg-[repeating-linear-gradient(135deg,transparent_0_6px,rgba(255,255,255,.06)_6px_12px)]')}
            >
              {isStep ? s.label : s.kind === 'tail' ? tail.label : ''}
            </div>
          )
        })}
        <div ref={playhead} aria-hidden className="pointer-events-none absolute inset-y-0 w-px bg-white shadow-[0_0_0_1px_rgba(0,0,0,.5)]" />
      </div>
    </div>
  )
}
