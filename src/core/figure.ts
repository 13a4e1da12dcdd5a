/**
 * A chart as a figure for a paper: the chart's own drawing (its SVG layers, in their screen coordinates) framed by
 * axes, ticks, a legend and a background, at a printed size. Pure string building; the browser part (reading the
 * layers with their computed styles, drawing the PNG) is `features/figures`.
 *
 * Units are CSS px (96 per inch): the SVG says its size in inches and its viewBox in px, so a 7 in × 3 in figure
 * is 672 × 288 units, and its PNG at 300 dpi is 2100 × 900 pixels. The chart's layers are stretched into the plot
 * area (not uniformly: the screen chart is wide and short), so their strokes are kept at their screen widths with
 * `vector-effect: non-scaling-stroke` (a 2.5 px target line prints at 1.9 pt).
 */

export const CSS_PX_PER_INCH = 96
export const FIGURE_DPI = 300
/** Two-column width, a third as tall: a timeline figure. */
export const FIGURE_SIZE = { widthIn: 7, heightIn: 3 }

export type FigureBackground = 'white' | 'dark'

export interface FigureAxis {
  min: number
  max: number
  label: string
  format: (value: number) => string
  /** Tick values; nice ones between min and max when absent. */
  ticks?: readonly number[]
}

export interface FigureSpec {
  widthIn?: number
  heightIn?: number
  background: FigureBackground
  title: string
  /** Frames `[from, to)` the plot spans. */
  x: { from: number; to: number; label: string }
  y: FigureAxis
  /** A second scale on the right (the reward chart's return). */
  y2?: FigureAxis
  legend: readonly { name: string; color: string; dash?: string | undefined }[]
  /**
   * Multiplies the layers' stroke widths and dashes (inline `stroke-width:…px`): a PNG is drawn at 300 dpi, where
   * a non-scaling stroke counts device pixels, so its strokes are widened to print as wide as the SVG's.
   */
  strokeScale?: number
  /**
   * The chart's layers and the box they were drawn in; the y range sits `padY` px below its top and `padBottom`
   * (default `padY`) above its bottom (recharts' margin; the reward chart's keep strip).
   */
  plot: { markup: string; width: number; height: number; padY: number; padBottom?: number }
}

const THEMES: Record<FigureBackground, { bg: string; fg: string; grid: string; axis: string }> = {
  white: { bg: '#ffffff', fg: '#27272a', grid: '#e4e4e7', axis: '#71717a' },
  dark: { bg: '#18181b', fg: '#e4e4e7', grid: '#3f3f46', axis: '#a1a1aa' },
}

const FONT = 'Helvetica, Arial, sans-serif'

/** The PNG's size in pixels for a figure spec. */
export function figurePixels(spec: Pick<FigureSpec, 'widthIn' | 'heightIn'>, dpi = FIGURE_DPI): { width: number; height: number } {
  return { width: Math.round((spec.widthIn ?? FIGURE_SIZE.widthIn) * dpi), height: Math.round((spec.heightIn ?? FIGURE_SIZE.heightIn) * dpi) }
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
}

/** About `count` round values (1, 2 or 5 × 10^k apart) in [min, max]. */
export function niceTicks(min: number, max: number, count = 6): number[] {
  if (!(max > min)) return [min]
  const raw = (max - min) / Math.max(1, count)
  const mag = 10 ** Math.floor(Math.log10(raw))
  // The round step nearest the raw one on a log scale, so the count lands near `count` from either side.
  const step = [1, 2, 5, 10].map((m) => m * mag).reduce((best, s) => (Math.abs(Math.log(s / raw)) < Math.abs(Math.log(best / raw)) ? s : best))
  const ticks: number[] = []
  // Rounded to the step's decimals, so 0.1 × 3 prints as 0.3.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)))
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toFixed(decimals)))
  return ticks
}

const n = (v: number) => Number(v.toFixed(2))

type Anchor = 'start' | 'middle' | 'end'

/** About the width of a 9 px Helvetica character: enough to keep entries apart without measuring text. */
const CHAR_WIDTH = 4.8

function legendRows<E extends { name: string }>(entries: readonly E[], left: number, right: number): { placed: { entry: E; x: number; row: number }[]; rows: number } {
  const placed: { entry: E; x: number; row: number }[] = []
  let x = left
  let row = 0
  for (const entry of entries) {
    const width = 20 + entry.name.length * CHAR_WIDTH + 10
    if (x > left && x + width > right) {
      row++
      x = left
    }
    placed.push({ entry, x, row })
    x += width
  }
  return { placed, rows: Math.max(1, row + 1) }
}

/** Stroke widths and dash lengths in inline styles, times `k`. */
export function scaleStrokes(markup: string, k: number): string {
  return markup.replace(/(stroke-width|stroke-dasharray):([^;"]+)/g, (_, property: string, value: string) =>
    `${property}:${value.replace(/[\d.]+/g, (v) => String(Number((Number(v) * k).toFixed(3))))}`)
}

function textAt(x: number, y: number, s: string, at: { anchor: Anchor; rotate?: number }): string {
  const turn = at.rotate === undefined ? '' : ` transform="rotate(${at.rotate} ${n(x)} ${n(y)})"`
  return `<text x="${n(x)}" y="${n(y)}" text-anchor="${at.anchor}"${turn}>${escapeXml(s)}</text>`
}

/** The figure as a standalone SVG document. */
export function figureSvg(spec: FigureSpec): string {
  const t = THEMES[spec.background]
  const W = (spec.widthIn ?? FIGURE_SIZE.widthIn) * CSS_PX_PER_INCH
  const H = (spec.heightIn ?? FIGURE_SIZE.heightIn) * CSS_PX_PER_INCH
  const legend = legendRows(spec.legend, 48, W - 12)
  const m = { left: 48, right: spec.y2 === undefined ? 12 : 48, top: 12 + 12 * legend.rows, bottom: 32 }
  const pw = W - m.left - m.right
  const ph = H - m.top - m.bottom
  // The plot's y range sits `padY` screen px inside its box; the axes follow the same mapping.
  const inner = (spec.plot.height - spec.plot.padY - (spec.plot.padBottom ?? spec.plot.padY)) / spec.plot.height
  const span = (a: number, b: number) => (b > a ? b - a : 1)
  const yPx = (axis: FigureAxis, v: number) => m.top + ph * (spec.plot.padY / spec.plot.height + inner * (1 - (v - axis.min) / span(axis.min, axis.max)))
  const xPx = (f: number) => m.left + pw * ((f - spec.x.from) / span(spec.x.from, spec.x.to))
  const text = (x: number, y: number, s: string, anchor: Anchor) => textAt(x, y, s, { anchor })

  const parts: string[] = []
  parts.push(`<rect width="${W}" height="${H}" fill="${t.bg}"/>`)
  const yTicks = spec.y.ticks ?? niceTicks(spec.y.min, spec.y.max, 4)
  for (const v of yTicks) {
    const y = yPx(spec.y, v)
    parts.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${n(y)}" y2="${n(y)}" stroke="${t.grid}" stroke-width="0.75"/>`)
    parts.push(text(m.left - 4, y + 3.5, spec.y.format(v), 'end'))
  }
  if (spec.y2 !== undefined) {
    for (const v of spec.y2.ticks ?? niceTicks(spec.y2.min, spec.y2.max, 4)) parts.push(text(m.left + pw + 4, yPx(spec.y2, v) + 3.5, spec.y2.format(v), 'start'))
    parts.push(textAt(W - 8, m.top + ph / 2, spec.y2.label, { anchor: 'middle', rotate: 90 }))
  }
  const markup = spec.strokeScale === undefined ? spec.plot.markup : scaleStrokes(spec.plot.markup, spec.strokeScale)
  parts.push(`<svg x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" viewBox="0 0 ${spec.plot.width} ${spec.plot.height}" preserveAspectRatio="none" overflow="hidden">${markup}</svg>`)
  parts.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="${t.axis}" stroke-width="0.75"/>`)
  for (const f of niceTicks(spec.x.from, spec.x.to, 8)) {
    const x = xPx(f)
    parts.push(`<line x1="${n(x)}" x2="${n(x)}" y1="${m.top + ph}" y2="${m.top + ph + 3}" stroke="${t.axis}" stroke-width="0.75"/>`)
    parts.push(text(x, m.top + ph + 13, String(f), 'middle'))
  }
  parts.push(text(m.left + pw / 2, H - 4, spec.x.label, 'middle'))
  parts.push(textAt(10, m.top + ph / 2, spec.y.label, { anchor: 'middle', rotate: -90 }))
  // The legend above the plot, as the chart's own legend sits, on as many lines as it needs.
  for (const { entry: l, x, row } of legend.placed) {
    const y = 12 + 12 * row
    parts.push(`<line x1="${n(x)}" x2="${n(x + 16)}" y1="${y}" y2="${y}" stroke="${l.color}" stroke-width="2"${l.dash !== undefined ? ` stroke-dasharray="${escapeXml(l.dash)}"` : ''}/>`)
    parts.push(text(x + 20, y + 3.5, l.name, 'start'))
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${W / CSS_PX_PER_INCH}in" height="${H / CSS_PX_PER_INCH}in" viewBox="0 0 ${W} ${H}" font-family="${FONT}" font-size="9" fill="${t.fg}">`
    + `<title>${escapeXml(spec.title)}</title>${parts.join('')}</svg>\n`
}
