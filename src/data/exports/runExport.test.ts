import { describe, expect, it } from 'vitest'
import type { ExportFile, ExportSink } from '@/core/exports/exportFile'
import type { EpisodeRecord } from '@/core/formats/records'
import { docOf } from '@/test/docs'
import { ExportCancelled, runExport } from './runExport'
import type { ExportFormat } from './runExport'

/** A generated episode: four steps and a tail over `frames` frames. */
function episode(index: number, frames = 300): EpisodeRecord {
  const step = Math.floor((frames - 20) / 4)
  const doc = docOf([['Grasp the cup.', step], ['Lift the cup.', step], ['Place the cup.', step], ['Release the cup.', frames - 20 - 3 * step], ['tail', 20]], { episode: `episode_${String(index).padStart(6, '0')}` })
  return { doc: { ...doc, episodeIndex: index }, review: { status: index % 3 === 0 ? 'accepted' : 'unreviewed' } }
}

/** A sink that keeps nothing but counts, and records how far the episodes ran ahead of what it was given. */
function countingSink(pulled: () => number) {
  const state = { files: 0, bytes: 0, streamed: 0, maxAhead: 0, closed: false, aborted: undefined as string | undefined, written: 0 }
  const sink: ExportSink = {
    write(file: ExportFile) {
      state.files++
      state.bytes += typeof file.data === 'string' ? file.data.length : file.data.byteLength
      if (file.path.startsWith('v2/')) state.maxAhead = Math.max(state.maxAhead, pulled() - ++state.written)
      return Promise.resolve()
    },
    open() {
      state.files++
      return Promise.resolve({
        write: (chunk: string | Uint8Array) => { state.streamed++; state.bytes += chunk.length; return Promise.resolve() },
        close: () => Promise.resolve(),
      })
    },
    close: () => { state.closed = true; return Promise.resolve() },
    abort: (reason: string) => { state.aborted = reason; return Promise.resolve() },
  }
  return { sink, state }
}

function source(count: number, frames = 300) {
  let pulled = 0
  return {
    pulled: () => pulled,
    episodes: () => (async function* () {
      for (let i = 0; i < count; i++) {
        await Promise.resolve() // as a real source reads each episode
        pulled++
        yield episode(i, frames)
      }
    })(),
  }
}

describe('runExport', () => {
  it('streams: each episode\'s files reach the sink before the next episode is read; records are one stream', async () => {
    const s = source(50)
    const { sink, state } = countingSink(s.pulled)
    const result = await runExport({ formats: ['proccorpus', 'records', 'selection'], datasetName: 'gen', episodes: s.episodes, total: 50, sink })
    expect(result.episodes).toBe(50)
    expect(state.maxAhead).toBe(0)
    expect(state.streamed).toBe(50)
    expect(state.files).toBe(50 + 1 + 3)
    expect(state.closed).toBe(true)
  })

  it('a large export (2,000 episodes of 300 frames) never holds its output: the heap grows far less than what was written', async () => {
    const s = source(2000)
    const { sink, state } = countingSink(s.pulled)
    const base = process.memoryUsage().heapUsed
    let peak = 0
    const sample = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed - base) }, 5)
    await runExport({ formats: ['proccorpus', 'records'], datasetName: 'gen', episodes: s.episodes, total: 2000, sink })
    clearInterval(sample)
    peak = Math.max(peak, process.memoryUsage().heapUsed - base)
    console.log(`peak heap growth ${(peak / 1e6).toFixed(1)} MB for ${(state.bytes / 1e6).toFixed(1)} MB written`)
    expect(state.bytes).toBeGreaterThan(40e6)
    expect(state.maxAhead).toBe(0)
    // Holding the output would take at least its size in strings; collected garbage comes and goes below that.
    expect(peak).toBeLessThan(state.bytes / 2)
  }, 120_000)

  it('cancel stops between episodes and aborts the sink; nothing is closed', async () => {
    const s = source(100)
    const { sink, state } = countingSink(s.pulled)
    const controller = new AbortController()
    const run = runExport({
      formats: ['proccorpus'], datasetName: 'gen', episodes: s.episodes, total: 100, sink, signal: controller.signal,
      onProgress: ({ done }) => { if (done === 10) controller.abort() },
    })
    await expect(run).rejects.toBeInstanceOf(ExportCancelled)
    expect(state.aborted).toBe('export cancelled')
    expect(state.closed).toBe(false)
    expect(state.files).toBe(10)
  })

  it.each<ExportFormat>(['procvqa', 'lerobot'])('%s without its writer is refused before anything is written', async (format) => {
    const s = source(1)
    const { sink, state } = countingSink(s.pulled)
    await expect(runExport({ formats: [format], datasetName: 'gen', episodes: s.episodes, total: 1, sink })).rejects.toThrow(`the ${format} export needs`)
    expect(state.files).toBe(0)
  })
})
