import { frameToPx, frameToSeconds } from '@/core/time'
import { useTimelineView } from '@/stores/timelineStore'
import { rulerTicks } from './rulerTicks'
import { scrubFrom } from './scrub'

/** `12.5 s`, or `2:05.0` past a minute. */
function secondsLabel(seconds: number): string {
  if (seconds < 60) return `${Number(seconds.toFixed(2))} s`
  const m = Math.floor(seconds / 60)
  return `${m}:${(seconds - m * 60).toFixed(1).padStart(4, '0')}`
}

/** Frame numbers and times along the visible window; press or drag to scrub. */
export function Ruler({ fps }: { fps: number }) {
  const { view, widthPx, frameCount } = useTimelineView()
  const { frames } = rulerTicks(view, widthPx, frameCount)
  return (
    <div className="relative h-7 cursor-text overflow-hidden select-none" onPointerDown={scrubFrom} data-testid="ruler" aria-label="Frame ruler: press to seek">
      {frames.map((f) => (
        <div key={f} className="absolute top-0 h-full border-l border-zinc-600 pl-1 leading-[13px]" style={{ left: frameToPx(f, view) }}>
          <div className="font-mono text-[10px] tabular-nums text-zinc-300">{f}</div>
          <div className="font-mono text-[9px] tabular-nums text-zinc-500">{secondsLabel(frameToSeconds(f, fps))}</div>
        </div>
      ))}
    </div>
  )
}
