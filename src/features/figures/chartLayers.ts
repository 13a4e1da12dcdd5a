/**
 * A chart's drawing as SVG markup, as the screen shows it: every SVG layer spanning the chart (the progress chart
 * stacks boundaries, recharts' curves, the target and the diff's marks; legend swatches are smaller and left out),
 * one `<g>` each, in paint order. Styles that come from classes and the cascade are inlined from the computed
 * style, so the markup looks the same outside the app; strokes keep their screen widths when the figure stretches
 * the plot (`vector-effect`).
 */
import { escapeXml } from '@/core/figure'

const STYLE_PROPERTIES = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-linejoin', 'stroke-linecap', 'opacity'] as const
/** Presentation that the computed style now carries, and screen-only attributes. */
const DROPPED = new Set(['class', 'style', 'aria-hidden', 'tabindex', 'role', ...STYLE_PROPERTIES])
/** A layer's own box: the figure gives the layers theirs. */
const LAYER_DROPPED = new Set(['width', 'height', 'viewBox', 'xmlns'])

function serialize(el: Element, out: string[]): void {
  const style = getComputedStyle(el)
  if (style.display === 'none' || style.visibility === 'hidden') return
  const tag = el.tagName === 'svg' ? 'g' : el.tagName
  const attrs: string[] = []
  for (const a of Array.from(el.attributes)) {
    if (!DROPPED.has(a.name) && !(el.tagName === 'svg' && LAYER_DROPPED.has(a.name))) attrs.push(`${a.name}="${escapeXml(a.value)}"`)
  }
  const inline = STYLE_PROPERTIES.map((p) => [p, style.getPropertyValue(p)] as const).filter(([, v]) => v !== '' && v !== 'normal').map(([p, v]) => `${p}:${v}`)
  inline.push('vector-effect:non-scaling-stroke')
  attrs.push(`style="${escapeXml(inline.join(';'))}"`)
  out.push(`<${tag} ${attrs.join(' ')}>`)
  for (const child of Array.from(el.childNodes)) {
    if (child instanceof Element) serialize(child, out)
    else if (child.nodeType === Node.TEXT_NODE) out.push(escapeXml(child.textContent ?? ''))
  }
  out.push(`</${tag}>`)
}

/** The markup of the chart's layers inside `container` (a box `width` px wide). */
export function chartLayers(container: Element, width: number): string {
  const out: string[] = []
  for (const svg of Array.from(container.querySelectorAll('svg'))) {
    // A layer spans the chart; a swatch or an icon does not. Nested SVGs are written with their parent.
    if (Math.abs(svg.getBoundingClientRect().width - width) > 1 || svg.parentElement?.closest('svg') !== null) continue
    serialize(svg, out)
  }
  return out.join('')
}
