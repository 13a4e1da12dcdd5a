// @vitest-environment jsdom
// The Reward section as a user meets it: show it, read each curve's return and kept share, change the clip and the
// baseline, choose a curve, download its CSV.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createHistory } from '@/core/history'
import type { PredictionCurve } from '@/data/annotations/episodePredictions'
import { annotationStore } from '@/stores/annotationStore'
import { rewardStore } from '@/stores/rewardStore'
import { viewStore } from '@/stores/viewStore'
import { docOf } from '@/test/docs'
import { RewardPanel } from './RewardPanel'

// Calls at frames 0 and 12: +0.1, then 0.5 clipped to +0.2.
const MODEL: PredictionCurve = {
  name: 'm', model: 'm', path: 'x.jsonl',
  frames: [{ frameIndex: 0, progress: 10, source: 'model', line: 1 }, { frameIndex: 12, progress: 60, source: 'model', line: 2 }],
}
const CURVES = [{ key: 'target', name: 'target', color: '#38bdf8' }, { key: 'model:m', name: 'm', color: '#c084fc' }]

function cells(key: string): string[] {
  const row = screen.getByRole('table', { name: 'Reward per curve' }).querySelector(`tr[data-curve="${key}"]`)
  return within(row as HTMLElement).getAllByRole('cell').map((c) => c.textContent ?? '')
}

const createObjectURL = vi.fn((_blob: Blob) => 'blob:reward')

beforeEach(() => {
  annotationStore.getState().open('demo#0', createHistory(docOf([['Grasp the cup.', 10], ['Place the cup.', 10], ['tail', 5]])))
  rewardStore.getState().reset()
  rewardStore.getState().select('target')
  if (viewStore.getState().reward === 'shown') viewStore.getState().toggleReward()
  createObjectURL.mockClear()
  URL.createObjectURL = createObjectURL
  URL.revokeObjectURL = vi.fn()
})
afterEach(() => {
  cleanup()
  annotationStore.getState().close()
})

describe('RewardPanel', () => {
  it('shows only its header until shown, then every curve\'s return and kept share', () => {
    render(<RewardPanel similarities={undefined} predictions={[MODEL]} curves={CURVES} />)
    expect(screen.queryByRole('table')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: /Show reward/ }))
    // The target of a done episode gains 1 in steps of 1/18, under the clip, and reaches 1 on frame 20: frames
    // 0..20 have a reward ahead within H = 30, the tail after them none (21 of 25). The proposal's is the same.
    expect(cells('target').slice(1)).toEqual(['1.000', '84.0%'])
    expect(cells('proposal').slice(1)).toEqual(['1.000', '84.0%'])
    // H = 30 covers the episode: every frame up to 12 sees the +0.2 ahead, none after.
    expect(cells('model:m').slice(1)).toEqual(['0.300', '52.0%'])
  })

  it('recomputes with another clip, and the mean baseline keeps fewer frames', () => {
    viewStore.getState().toggleReward()
    render(<RewardPanel similarities={undefined} predictions={[MODEL]} curves={CURVES} />)
    fireEvent.change(screen.getByRole('spinbutton', { name: 'c' }), { target: { value: '1' } })
    expect(cells('model:m')[1]).toBe('0.600')
    fireEvent.click(screen.getByRole('radio', { name: 'A > mean' }))
    expect(Number(cells('target')[2]!.replace('%', ''))).toBeLessThan(84)
  })

  it('downloads the chosen curve per frame', async () => {
    viewStore.getState().toggleReward()
    render(<RewardPanel similarities={undefined} predictions={[MODEL]} curves={CURVES} />)
    fireEvent.click(screen.getByRole('table', { name: 'Reward per curve' }).querySelector('tr[data-curve="model:m"]')!)
    expect(rewardStore.getState().curve).toBe('model:m')
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }))
    const text = await createObjectURL.mock.calls[0]![0].text()
    const lines = text.split('\r\n')
    expect(lines[0]).toBe('frame,progress,reward,return,return_h,advantage,kept')
    expect(lines).toHaveLength(25 + 2)
    expect(lines[13]).toBe('12,0.6,0.2,0.3,0.2,0.2,1')
  })
})
