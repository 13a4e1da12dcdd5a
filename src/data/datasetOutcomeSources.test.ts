// The outcome a generated LeRobot dataset records reaches the list and the episode: an episodes.jsonl field,
// the per-frame next.success column, and a v3.0 episodes column.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { afterAll, describe, expect, it } from 'vitest'
import { createNodeFileStore } from '@/cli/nodeFileStore'
import type { FixtureFiles } from '@/test/lerobotFixture'
import { lerobotV21Fixture, lerobotV30Fixture } from '@/test/lerobotFixture'
import { openDataset } from './openDataset'

const roots: string[] = []
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })))

function write(files: FixtureFiles): string {
  const root = mkdtempSync(join(tmpdir(), 'proclens-outcome-'))
  roots.push(root)
  for (const [path, bytes] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), bytes)
  }
  return root
}

/** A data file with LeRobot's per-frame `next.success`. */
function rowsWithSuccess(episode: number, success: boolean[]): Uint8Array {
  const n = success.length
  return new Uint8Array(parquetWriteBuffer({
    columnData: [
      { name: 'timestamp', data: Float32Array.from({ length: n }, (_, i) => i / 10), type: 'FLOAT' },
      { name: 'frame_index', data: Array.from({ length: n }, (_, i) => BigInt(i)), type: 'INT64' },
      { name: 'episode_index', data: Array.from({ length: n }, () => BigInt(episode)), type: 'INT64' },
      { name: 'next.success', data: success, type: 'BOOLEAN' },
    ],
  }))
}

describe('the outcome a LeRobot dataset records', () => {
  it('reads episodes.jsonl fields for the list, and next.success when the episode opens', async () => {
    const files = lerobotV21Fixture({ fps: 10, cameras: [], episodes: [0, 1, 2, 3].map((index) => ({ index, length: 4 })) })
    files.set('meta/episodes.jsonl', new TextEncoder().encode([
      { episode_index: 0, tasks: ['push'], length: 4, success: true },
      { episode_index: 1, tasks: ['push'], length: 4, is_success: 0 },
      { episode_index: 2, tasks: ['push'], length: 4 },
      { episode_index: 3, tasks: ['push'], length: 4 },
    ].map((l) => JSON.stringify(l)).join('\n') + '\n'))
    files.set('data/chunk-000/episode_000002.parquet', rowsWithSuccess(2, [false, false, true, true]))
    files.set('data/chunk-000/episode_000003.parquet', rowsWithSuccess(3, [false, false, false, false]))
    const source = await openDataset(createNodeFileStore(write(files)))
    expect((await source.listEpisodes(0, 4)).map((e) => e.outcome?.success)).toEqual([true, false, undefined, undefined])
    const opened = await Promise.all([0, 1, 2, 3].map((i) => source.loadEpisode(i)))
    expect(opened.map((e) => e.outcome?.success)).toEqual([true, false, true, false])
    expect(opened[1]?.outcome?.source).toBe('meta/episodes.jsonl (episode 1) is_success 0')
    expect(opened[2]?.outcome?.source).toBe('data/chunk-000/episode_000002.parquet next.success (true from some frame on)')
  })

  it('reads a v3.0 episodes column', async () => {
    const files = lerobotV30Fixture({ fps: 10, lengths: [5, 6, 7], cameras: [], success: [true, false, true] })
    const source = await openDataset(createNodeFileStore(write(files)))
    expect((await source.listEpisodes(0, 3)).map((e) => e.outcome?.success)).toEqual([true, false, true])
    expect((await source.loadEpisode(1)).outcome).toEqual({ success: false, source: 'meta/episodes/ (episode 1) success false' })
  })
})
