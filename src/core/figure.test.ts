import { describe, expect, it } from 'vitest'
import { escapeXml, figurePixels, figureSvg, niceTicks, scaleStrokes } from './figure'
import type { FigureSpec } from './figure'

describe('niceTicks', () => {
  it.each([
    [0, 1, 4, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0, 300, 8, [0, 50, 100, 150, 200, 250, 300]],
    [13, 97, 4, [20, 40, 60, 80]],
    [-0.2, 0.2, 4, [-0.2, -0.1, 0, 0.1, 0.2]],
    [5, 5, 4, [5]],
  ] as [number, number, number, number[]][])('%d..%d ≈ %d ticks', (min, max, count, ticks) => {
    expect(niceTicks(min, max, count)).toEqual(ticks)
  })
})

describe('figureSvg', () => {
  const spec: FigureSpec = {
    background: 'white', title: 'Progress <ep 0>',
    x: { from: 0, to: 300, label: 'frame' },
    y: { min: 0, max: 1, label: 'progress', format: (v) => `${v * 100}%`, ticks: [0, 0.5, 1] },
    legend: [{ name: 'target', color: '#38bdf8' }, { name: 'a & b', color: '#f59e0b', dash: '6 3' }],
    plot: { markup: '<path d="M0,0L10,10" data-curve="target"/>', width: 1000, height: 100, padY: 4 },
  }

  it('is 7 in × 3 in over a 672 × 288 px viewBox, 2100 × 900 at 300 dpi', () => {
    const svg = figureSvg(spec)
    expect(svg).toContain('width="7in" height="3in" viewBox="0 0 672 288"')
    expect(figurePixels({})).toEqual({ width: 2100, height: 900 })
  })

  it('embeds the plot stretched into the plot area, with escaped text and the background', () => {
    const svg = figureSvg(spec)
    expect(svg).toContain('viewBox="0 0 1000 100" preserveAspectRatio="none"')
    expect(svg).toContain('<path d="M0,0L10,10" data-curve="target"/>')
    expect(svg).toContain('<title>Progress &lt;ep 0&gt;</title>')
    expect(svg).toContain('>a &amp; b</text>')
    expect(svg).toContain('fill="#ffffff"')
    expect(figureSvg({ ...spec, background: 'dark' })).toContain('fill="#18181b"')
  })

  it('puts a y tick where the plot draws that value (inside the padding)', () => {
    // Plot area: top 24, height 288 − 24 − 32 = 232; 1 sits 4/100 of it down, 0 at 96/100.
    const svg = figureSvg(spec)
    expect(svg).toContain(`y1="${Number((24 + 232 * 0.04).toFixed(2))}"`)
    expect(svg).toContain(`y1="${Number((24 + 232 * 0.96).toFixed(2))}"`)
  })

  it('escapes the five XML characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;')
  })
})

describe('scaleStrokes', () => {
  it('multiplies inline stroke widths and dashes, nothing else', () => {
    expect(scaleStrokes('<path style="stroke-width:2.5px;stroke-dasharray:6px, 3px;opacity:0.5" d="M1,2"/>', 2))
      .toBe('<path style="stroke-width:5px;stroke-dasharray:12px, 6px;opacity:0.5" d="M1,2"/>')
  })

  it('is what a figure with strokeScale embeds', () => {
    const svg = figureSvg({
      background: 'dark', title: 't', x: { from: 0, to: 10, label: 'frame' }, y: { min: 0, max: 1, label: 'p', format: String },
      legend: [], plot: { markup: '<path style="stroke-width:1px"/>', width: 10, height: 10, padY: 0 }, strokeScale: 3.125,
    })
    expect(svg).toContain('stroke-width:3.125px')
  })
})

describe('the legend', () => {
  it('wraps onto a second line and moves the plot down', () => {
    const legend = Array.from({ length: 8 }, (_, i) => ({ name: `a rather long curve name ${i}`, color: '#000' }))
    const svg = figureSvg({
      background: 'white', title: 't', x: { from: 0, to: 10, label: 'frame' }, y: { min: 0, max: 1, label: 'p', format: String },
      legend, plot: { markup: '', width: 10, height: 10, padY: 0 },
    })
    expect(svg).toContain('y1="24" y2="24" stroke="#000"')
    expect(svg).toMatch(/<svg x="48" y="(36|48)"/)
  })
})
