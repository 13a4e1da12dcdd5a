import { useState } from 'react'
import type { FigureBackground, FigureSpec } from '@/core/figure'
import { FIGURE_DPI, FIGURE_SIZE } from '@/core/figure'
import { downloadBlob } from '@/lib/downloadBlob'
import { Segmented } from '@/ui/Segmented'
import { pngBlob, svgBlob } from './figureFiles'

export type FigureSource = () => Omit<FigureSpec, 'background'> | undefined

const BACKGROUNDS = [{ value: 'white', label: 'White' }, { value: 'dark', label: 'Dark' }] as const

/**
 * "Figure" beside a chart: the chart as it stands (the window, the curves shown) as SVG or PNG at publication
 * size (7 in × 3 in; the PNG at 300 dpi), on a white or a dark background. The chart is read when a button is
 * pressed, never before, so the menu costs nothing while the chart changes.
 */
export function FigureMenu({ name, fileStem, source }: {
  /** The chart's name, in test ids. */
  name: string
  /** The files' name before `.svg` / `.png`. */
  fileStem: string
  source: FigureSource
}) {
  const [background, setBackground] = useState<FigureBackground>('white')
  const [error, setError] = useState<string | undefined>(undefined)
  const save = async (kind: 'svg' | 'png') => {
    setError(undefined)
    const spec = source()
    if (spec === undefined) return setError('nothing drawn yet')
    try {
      const full = { ...spec, background }
      downloadBlob(`${fileStem}.${kind}`, kind === 'svg' ? svgBlob(full) : await pngBlob(full))
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }
  const px = `${FIGURE_SIZE.widthIn * FIGURE_DPI} × ${FIGURE_SIZE.heightIn * FIGURE_DPI}`
  return (
    <details className="relative text-[10px]" data-testid={`figure-${name}`}>
      <summary className="cursor-pointer list-none rounded px-1 text-zinc-500 hover:bg-zinc-800 hover:text-zinc-300" title="Export this chart as a figure (SVG, PNG)">figure ▾</summary>
      <div className="absolute top-4 left-0 z-50 flex w-56 flex-col gap-2 rounded border border-zinc-700 bg-zinc-900 p-2 text-left text-xs text-zinc-300 shadow-lg">
        <span>The chart as shown, {FIGURE_SIZE.widthIn} in × {FIGURE_SIZE.heightIn} in</span>
        <Segmented label="Figure background" options={BACKGROUNDS} value={background} onChange={setBackground} />
        <div className="flex gap-1">
          <button type="button" className="h-6 rounded border border-zinc-700 px-2 hover:bg-zinc-800" onClick={() => void save('svg')} data-testid="figure-svg">SVG</button>
          <button type="button" className="h-6 rounded border border-zinc-700 px-2 hover:bg-zinc-800" onClick={() => void save('png')} data-testid="figure-png" title={`${px} px at ${FIGURE_DPI} dpi`}>PNG {px}</button>
        </div>
        {error !== undefined && <span className="text-amber-400">{error}</span>}
      </div>
    </details>
  )
}
