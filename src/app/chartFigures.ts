/**
 * What the "figure" menus export, read from the charts as drawn when a button is pressed: the layers, the legend
 * entries shown, the timeline's window, and the scales the chart used (the reward row says its own on its SVG).
 * Composed here because the charts and the figure feature do not know each other.
 */
import type { FigureSpec } from '@/core/figure'
import type { FigureSource } from '@/features/figures/FigureMenu'
import { chartLayers } from '@/features/figures/chartLayers'
import { CHART_PAD } from '@/features/progress/ProgressChart'
import { DROP_COLOR, KEEP_COLOR, REWARD_PLOT_PAD } from '@/features/reward/RewardTrack'
import { timelineStore } from '@/stores/timelineStore'

type Spec = Omit<FigureSpec, 'background'>

function window(): Spec['x'] {
  const { start, span } = timelineStore.getState()
  return { from: start, to: start + span, label: 'frame' }
}

const fixed = (digits: number) => (v: number) => v.toFixed(digits)

/** The progress chart inside `row`: its curves as shown, legend from its own legend's pressed entries. */
export function progressFigure(row: () => HTMLElement | null, title: string): FigureSource {
  return () => {
    const plot = row()?.querySelector<HTMLElement>('[data-testid="progress-chart"]')
    if (plot === null || plot === undefined) return undefined
    const { width, height } = plot.getBoundingClientRect()
    const legend = Array.from(row()?.querySelectorAll('[aria-label="Curves"] button[aria-pressed="true"]') ?? []).map((b) => {
      const line = b.querySelector('line')
      return { name: b.textContent?.trim() ?? '', color: line?.getAttribute('stroke') ?? '#71717a', dash: line?.getAttribute('stroke-dasharray') ?? undefined }
    })
    return {
      title, x: window(), legend,
      y: { min: 0, max: 1, label: 'progress', format: (v) => `${Math.round(v * 100)}%`, ticks: [0, 0.25, 0.5, 0.75, 1] },
      plot: { markup: chartLayers(plot, width), width, height, padY: CHART_PAD },
    }
  }
}

/** The reward row inside `row`: bars on ±c (left axis), the return on its own scale (right axis), the keep strip. */
export function rewardFigure(row: () => HTMLElement | null, title: string, curve: { name: string; color: string }): FigureSource {
  return () => {
    const track = row()?.querySelector<HTMLElement>('[data-testid="reward-track"]')
    const svg = track?.querySelector('svg')
    if (track === null || track === undefined || svg === null || svg === undefined) return undefined
    const { width, height } = track.getBoundingClientRect()
    const scale = Number(svg.dataset.rewardScale)
    return {
      title, x: window(),
      legend: [{ name: `${curve.name}: reward per frame`, color: '#a1a1aa' }, { name: 'return', color: curve.color }, { name: 'kept', color: KEEP_COLOR }, { name: 'dropped', color: DROP_COLOR }],
      y: { min: -scale, max: scale, label: 'reward', format: (v) => (v === 0 ? '0' : v.toPrecision(2)), ticks: [-scale, 0, scale] },
      y2: { min: Number(svg.dataset.returnMin), max: Number(svg.dataset.returnMax), label: 'return', format: fixed(2) },
      plot: { markup: chartLayers(track, width), width, height, padY: REWARD_PLOT_PAD.top, padBottom: REWARD_PLOT_PAD.bottom },
    }
  }
}
