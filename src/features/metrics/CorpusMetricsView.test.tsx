// @vitest-environment jsdom
// The corpus metrics page with a fake data function: progress while scoring, the means per model, the
// histograms, a sortable table, the model filter, and a row opening its episode at the worst frame.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CorpusScoreRow } from '@/core/metrics/corpusScores'
import type { EpisodeScores } from '@/core/metrics/episodeScores'
import { CorpusMetricsView } from './CorpusMetricsView'
import type { LoadCorpusMetrics } from './useCorpusMetrics'

function scores(over: Partial<EpisodeScores>): EpisodeScores {
  return {
    VOC: 0.5, KT: 0.5, CCC: 0.5, 'EPR@50': 3, MAE: 10, monotonicityViolations: 0, frames: 10,
    finalTarget: 100, finalPrediction: 90, finalError: 10, worstFrame: 0, worstError: 10, ...over,
  }
}

const ROWS: CorpusScoreRow[] = [
  { index: 0, name: 'episode_000000', model: 'big', scores: scores({ VOC: 0.9, MAE: 5, worstFrame: 12 }), targetKind: 'hashed', corrected: true },
  { index: 0, name: 'episode_000000', model: 'small', scores: scores({ VOC: 0.2, MAE: 30, worstFrame: 40 }), targetKind: 'hashed', corrected: true },
  { index: 1, name: 'episode_000001', model: 'big', scores: scores({ VOC: 0.7, MAE: 15, worstFrame: 3 }), targetKind: 'time', corrected: false },
  { index: 2, name: 'episode_000002', model: 'small', scores: undefined, targetKind: 'time', corrected: false },
]

function show(load: LoadCorpusMetrics, onOpen = vi.fn()) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <CorpusMetricsView root="/demo" identity="demo" onOpen={onOpen} load={load} />
    </QueryClientProvider>,
  )
  return onOpen
}

const loaded: LoadCorpusMetrics = ({ onProgress }) => {
  onProgress(3, 3)
  return Promise.resolve({ rows: ROWS, problems: [{ severity: 'warning', kind: 'no-target', message: 'nothing to score against', episode: 'episode_000009' }] })
}

/** The table's body as text, row by row. */
function rows(): string[][] {
  const table = screen.getByRole('table', { name: 'Metrics per episode and model' })
  return within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))
}

const vocHeader = () => within(screen.getByRole('table', { name: 'Metrics per episode and model' })).getByRole('columnheader', { name: /VOC/ })

afterEach(cleanup)

describe('CorpusMetricsView', () => {
  it('reports progress while the corpus is scored', async () => {
    show(({ onProgress }) => {
      onProgress(2, 7)
      return new Promise(() => undefined)
    })
    expect((await screen.findByRole('status')).textContent).toContain('2 of 7')
  })

  it('shows the means per model, histograms per model and metric, the targets used, and the problems', async () => {
    show(loaded)
    const means = await screen.findByRole('table', { name: 'Corpus means per model' })
    const big = within(means).getByRole('row', { name: /^big/ })
    // big: VOC (0.9 + 0.7) / 2, MAE (5 + 15) / 2, over 2 episodes; small: one scored, one left out.
    expect(within(big).getAllByRole('cell').map((c) => c.textContent).slice(0, 2)).toEqual(['2', '0.800'])
    expect(within(big).getAllByRole('cell')[5]?.textContent).toBe('10.0')
    expect(within(means).getByRole('row', { name: /^small/ }).textContent).toContain('1 (+1 left out)')
    expect(screen.getAllByRole('img', { name: /histogram$/ })).toHaveLength(14)
    expect(screen.getByText(/Targets: 1 episodes from their visual change/).textContent).toContain('2 with each step')
    expect(screen.getByText(/no-target/)).toBeTruthy()
  })

  it('sorts worst MAE first, then by any column with aria-sort, unscored rows last', async () => {
    show(loaded)
    await screen.findByRole('table', { name: 'Metrics per episode and model' })
    expect(rows().map((r) => [r[0], r[1], r[6]])).toEqual([
      ['episode_000000', 'small', '30.0'], ['episode_000001', 'big', '15.0'], ['episode_000000', 'big', '5.0'], ['episode_000002', 'small', '–'],
    ])
    fireEvent.click(screen.getByRole('button', { name: 'VOC' }))
    expect(vocHeader().getAttribute('aria-sort')).toBe('ascending')
    expect(rows().map((r) => r[2])).toEqual(['0.200', '0.700', '0.900', '–'])
    fireEvent.click(screen.getByRole('button', { name: /VOC/ }))
    expect(vocHeader().getAttribute('aria-sort')).toBe('descending')
    expect(rows().map((r) => r[2])).toEqual(['0.900', '0.700', '0.200', '–'])
    expect(rows()[0]?.[9]).toBe('hashed *')
  })

  it('filters by model and opens a row\'s episode at its worst frame', async () => {
    const onOpen = show(loaded)
    await screen.findByRole('table', { name: 'Metrics per episode and model' })
    fireEvent.change(screen.getByRole('combobox', { name: 'Model' }), { target: { value: 'big' } })
    expect(rows().map((r) => r[0])).toEqual(['episode_000001', 'episode_000000'])
    expect(screen.getAllByRole('img', { name: /histogram$/ })).toHaveLength(7)
    fireEvent.click(screen.getByRole('cell', { name: 'episode_000001' }))
    expect(onOpen).toHaveBeenCalledWith(1, 3)
  })

  it('says when nothing has predictions, and when scoring failed', async () => {
    show(() => Promise.resolve({ rows: [], problems: [] }))
    expect(await screen.findByText(/No episode of this dataset has model predictions/)).toBeTruthy()
    cleanup()
    show(() => Promise.reject(new Error('offline')))
    expect((await screen.findByRole('alert')).textContent).toContain('offline')
  })
})
