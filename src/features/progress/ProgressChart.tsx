import { memo, useMemo, useState } from 'react'
import type { PointerEvent, ReactNode } from 'react'
import { Line, LineChart, XAxis, YAxis } from 'recharts'
import type { FrameView } from '@/core/time'
import { clampFrame, frameToPx, pxToFrame } from '@/core/time'
import type { PredictionCurve } from '@/data/annotations/episodePredictions'
import { cn } from '@/lib/cn'
import { proposalDoc } from '@/stores/annotationDerived'
import { selectDoc, useAnnotation } from '@/stores/annotationStore'
import { playbackStore } from '@/stores/playbackStore'
import { frameView, timelineStore, useTimelineView } from '@/stores/timelineStore'
import type { ChartPoint, Curve } from './progressCurves'
import { MAX_DOTS, referenceCurves, targetCurve } from './progressCurves'

/** The plot's height when the editor has no spare room; the pane gives it more when the cameras leave some. */
export const CHART_HEIGHT = 104
/** recharts' plot margin above and below; the target layer uses the same (and a figure's axes). */
export const CHART_PAD = 4
const PAD = CHART_PAD
const GRID = [0.25, 0.5, 0.75]

interface Drawn {
  curve: Curve
  points: ChartPoint[]
}

function yOf(value: number, height: number): number {
  return PAD + (1 - value) * (height - 2 * PAD)
}

/**
 * The reference curves (recharts): they change only when the window, the similarities or the curves shown change,
 * so a drag that previews a new target on every pointer move never re-renders them.
 */
const ReferencePlot = memo(function ReferencePlot({ drawn, from, to, width, height }: { drawn: Drawn[]; from: number; to: number; width: number; height: number }) {
  return (
    <LineChart width={width} height={height} margin={{ top: PAD, right: 0, bottom: PAD, left: 0 }} data={[]}>
      <XAxis type="number" dataKey="x" domain={[from, to]} allowDataOverflow hide />
      <YAxis type="number" domain={[0, 1]} allowDataOverflow hide />
      {[...drawn].reverse().map(({ curve, points }) => {
        const isModel = curve.key.startsWith('model:')
        return (
          <Line
            key={curve.key}
            data={points}
            dataKey="y"
            type="linear"
            stroke={curve.color}
            strokeWidth={curve.width}
            strokeOpacity={isModel ? 0.75 : 1}
            {...(curve.dash !== undefined ? { strokeDasharray: curve.dash } : {})}
            dot={isModel && points.length <= MAX_DOTS ? { r: 1.5, strokeWidth: 0, fill: curve.color } : false}
            activeDot={false}
            isAnimationActive={false}
            connectNulls={!isModel}
          />
        )
      })}
    </LineChart>
  )
})

/**
 * The target on a layer of its own: one SVG path in the plot's coordinates (x through `core/time.ts`, y as
 * recharts maps [0, 1]), redrawn on every edit at the cost of a string.
 */
function TargetLayer({ drawn, view, width, height }: { drawn: Drawn | undefined; view: FrameView; width: number; height: number }) {
  if (drawn === undefined) return null
  // A null point breaks the line: the next one starts a new subpath.
  let move = true
  const d = drawn.points.map((p) => {
    if (p.y === null) {
      move = true
      return ''
    }
    const step = `${move ? 'M' : 'L'}${frameToPx(p.x, view).toFixed(2)},${yOf(p.y, height).toFixed(2)}`
    move = false
    return step
  }).join('')
  return (
    <svg className="pointer-events-none absolute inset-0" width={width} height={height} aria-hidden>
      <path d={d} fill="none" stroke={drawn.curve.color} strokeWidth={drawn.curve.width} strokeLinejoin="round" data-curve="target" />
    </svg>
  )
}

function percent(v: number): string {
  return `${(v * 100).toFixed(1)}%`
}

/**
 * Progress along the timeline, aligned with it frame for frame (same window, same width): the target of the
 * document being corrected, the target of the untouched VLM proposal, the time-linear baseline and every model's
 * predictions. Curves are drawn downsampled; hovering reads the exact value of each at the frame. Press to seek.
 * The playhead is the timeline's own layer, so stepping frames never re-renders this chart.
 */
export function ProgressChart({ similarities, predictions, height = CHART_HEIGHT, overlay }: {
  similarities: Float64Array | undefined
  predictions: readonly PredictionCurve[]
  /** The plot's height in px. */
  height?: number
  /** Drawn over the curves in the plot's coordinates (a value v sits at `pad + (1 − v)(height − 2 pad)`): the diff's marks. */
  overlay?: (plot: { width: number; height: number; pad: number }) => ReactNode
}) {
  const doc = useAnnotation(selectDoc)
  const { view, widthPx, start, span } = useTimelineView()
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set())
  const [hover, setHover] = useState<number | undefined>(undefined)
  const proposal = doc === undefined ? undefined : proposalDoc(doc)
  const frameCount = doc?.frameCount ?? 0
  const references = useMemo(() => referenceCurves(proposal, frameCount, similarities, predictions), [proposal, frameCount, similarities, predictions])
  const target = useMemo(() => (doc === undefined ? undefined : targetCurve(doc, similarities)), [doc, similarities])
  const from = start
  const to = start + span
  const budget = Math.max(16, widthPx / 2)
  const drawnReferences = useMemo(() => references.filter((c) => !hidden.has(c.key)).map((curve) => ({ curve, points: curve.points(Math.floor(from), Math.ceil(to) + 1, budget) })),
    [references, hidden, from, to, budget])
  const drawnTarget = target === undefined || hidden.has('target') ? undefined : { curve: target, points: target.points(Math.floor(from), Math.ceil(to) + 1, budget) }
  if (doc === undefined || widthPx <= 0) return <div style={{ height }} />

  const curves = target === undefined ? references : [target, ...references]
  const frameAt = (e: PointerEvent<HTMLDivElement>) => clampFrame(pxToFrame(e.clientX - e.currentTarget.getBoundingClientRect().left, frameView(timelineStore.getState())), doc.frameCount)
  const boundaries = doc.segments.slice(1).map((s) => s.start).filter((f) => f > from && f < to)
  const hoverX = hover === undefined ? 0 : frameToPx(hover + 0.5, view)

  return (
    <div className="relative select-none" style={{ width: widthPx }}>
      <div className="flex h-5 items-center gap-3 overflow-hidden text-[10px] text-zinc-400" role="group" aria-label="Curves">
        {curves.map((c) => (
          <button
            key={c.key}
            type="button"
            aria-pressed={!hidden.has(c.key)}
            onClick={(e) => {
              setHidden((h) => {
                const next = new Set(h)
                if (next.has(c.key)) next.delete(c.key)
                else next.add(c.key)
                return next
              })
              e.currentTarget.blur()
            }}
            className={cn('flex shrink-0 items-center gap-1 rounded px-1 hover:bg-zinc-800', hidden.has(c.key) && 'opacity-40 line-through')}
            title={hidden.has(c.key) ? 'Show this curve' : 'Hide this curve'}
          >
            <svg width="16" height="6" aria-hidden><line x1="0" y1="3" x2="16" y2="3" stroke={c.color} strokeWidth={2} strokeDasharray={c.dash} /></svg>
            {c.name}
          </button>
        ))}
      </div>
      <div
        className="relative cursor-crosshair"
        style={{ height }}
        data-testid="progress-chart"
        onPointerMove={(e) => setHover(frameAt(e))}
        onPointerLeave={() => setHover(undefined)}
        onPointerDown={(e) => {
          if (e.button !== 0) return
          playbackStore.getState().pause()
          playbackStore.getState().seek(frameAt(e), 'user')
        }}
      >
        {GRID.map((g) => <div key={g} className="absolute inset-x-0 border-t border-zinc-800" style={{ top: yOf(g, height) }} />)}
        <svg className="pointer-events-none absolute inset-0" width={widthPx} height={height} aria-hidden>
          <path d={boundaries.map((f) => `M${frameToPx(f, view).toFixed(1)},0V${height}`).join('')} stroke="#3f3f46" strokeDasharray="3 3" data-boundaries={boundaries.join(' ')} />
        </svg>
        <div className="absolute inset-0"><ReferencePlot drawn={drawnReferences} from={from} to={to} width={widthPx} height={height} /></div>
        <TargetLayer drawn={drawnTarget} view={view} width={widthPx} height={height} />
        {overlay?.({ width: widthPx, height, pad: PAD })}
        <div className="pointer-events-none absolute top-0 left-1 font-mono text-[9px] text-zinc-600">100%</div>
        <div className="pointer-events-none absolute bottom-0 left-1 font-mono text-[9px] text-zinc-600">0%</div>
        {hover !== undefined && (
          <>
            <div className="pointer-events-none absolute inset-y-0 w-px bg-zinc-400/60" style={{ left: hoverX }} />
            <div
              className="pointer-events-none absolute top-1 z-40 min-w-44 rounded border border-zinc-700 bg-zinc-900/95 px-2 py-1 text-[11px] shadow-lg"
              style={hoverX > widthPx - 240 ? { right: widthPx - hoverX + 8 } : { left: hoverX + 8 }}
              data-testid="chart-hover"
            >
              <div className="font-mono text-zinc-400">frame {hover}</div>
              {curves.filter((c) => !hidden.has(c.key)).map((c) => {
                const v = c.at(hover)
                return (
                  <div key={c.key} className="flex items-center justify-between gap-3">
                    <span className="flex items-center gap-1 text-zinc-300"><span className="inline-block h-2 w-2 rounded-full" style={{ background: c.color }} />{c.name}</span>
                    <span className="font-mono tabular-nums text-zinc-100" title={v?.note}>
                      {v === undefined ? '–' : `${Number.isNaN(v.value) ? 'no parse' : percent(v.value)}${v.frame !== hover ? ` @${v.frame}` : ''}${v.note !== undefined ? ' *' : ''}`}
                    </span>
                  </div>
                )
              })}
            </div>
          </>
        )}
      </div>
    </div>
  )
}
