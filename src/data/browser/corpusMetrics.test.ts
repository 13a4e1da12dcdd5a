import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { QueryClient } from '@tanstack/react-query'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { main } from '@/cli/main'
import { createNodeFileStore } from '@/cli/nodeFileStore'
import { applyEdit } from '@/core/applyEdit'
import { docProgress } from '@/core/docProgress'
import { commit, createHistory } from '@/core/history'
import { referenceCamera } from '@/core/referenceCamera'
import { captureConsole } from '@/test/captureConsole'
import { loadCorpusMetrics } from './corpusMetrics'
import { ProcLensDb } from './db'
import { ensureDataset, episodeAnnotationOptions, episodeOptions, episodePredictionsOptions, registerLocalStore } from './queries'
import { HistorySaver } from './savedHistory'
import { mediaIdentity, writeCachedHashes } from './visualChange/visualChangeCache'

const DEMO = fileURLToPath(new URL('../../../public/demo', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'proclens-corpus-metrics-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let database: ProcLensDb
afterEach(async () => {
  database.close()
  await database.delete()
})

const { stdout } = captureConsole()
const identity = 'demo-identity'

function setup() {
  database = new ProcLensDb(`test-${Math.random()}`)
  return { client: new QueryClient(), database, root: registerLocalStore(createNodeFileStore(DEMO)), identity }
}

describe.skipIf(!existsSync(`${DEMO}/meta/info.json`))('loadCorpusMetrics on the demo', () => {
  it('scores every episode with predictions per model, in episode order, with time-spread targets and progress', async () => {
    const scope = setup()
    const seen: [number, number][] = []
    const { rows } = await loadCorpusMetrics({ ...scope, onProgress: (done, total) => seen.push([done, total]) })
    expect(rows.length).toBeGreaterThan(1)
    expect(rows.map((r) => r.index)).toEqual([...rows.map((r) => r.index)].sort((a, b) => a - b))
    expect(rows.every((r) => r.targetKind === 'time' && !r.corrected)).toBe(true)
    expect(rows.some((r) => r.model.includes('·'))).toBe(true)
    expect(seen[0]).toEqual([0, seen.at(-1)?.[1]])
    expect(seen.at(-1)?.[0]).toBe(seen.at(-1)?.[1])
  })

  it('gives the same numbers as `proclens metrics` on the same predictions and target', async () => {
    const scope = setup()
    const { rows } = await loadCorpusMetrics(scope)
    const row = rows.find((r) => r.scores !== undefined && !r.model.includes('·'))!
    const ref = { index: row.index, name: row.name }
    const { doc } = await scope.client.fetchQuery(episodeAnnotationOptions(scope.root, ref))
    const curve = (await scope.client.fetchQuery(episodePredictionsOptions(scope.root, ref))).curves.find((c) => c.name === row.model)!
    const target = docProgress(doc!, new Float64Array(doc!.frameCount - 1).fill(1)).progress
    const lines = (values: [number, number][]) => values.map(([f, p]) => JSON.stringify({ episode: row.name, frame_index: f, progress: p })).join('\n') + '\n'
    writeFileSync(join(dir, 'pred.jsonl'), lines(curve.frames.map((f) => [f.frameIndex, f.progress])))
    writeFileSync(join(dir, 'target.jsonl'), lines(Array.from(target, (t, f) => [f, t * 100])))
    expect(await main(['metrics', '--pred', join(dir, 'pred.jsonl'), '--target', join(dir, 'target.jsonl'), '--json'])).toBe(0)
    const cli = (JSON.parse(stdout()) as { episodes: Record<string, Record<string, number>> }).episodes[row.name]!
    for (const key of ['VOC', 'KT', 'CCC', 'EPR@50', 'MAE', 'monotonicityViolations', 'frames'] as const) expect([key, cli[key]]).toEqual([key, row.scores![key]])
  })

  it('scores against the saved correction when there is one', async () => {
    const scope = setup()
    const before = (await loadCorpusMetrics(scope)).rows.find((r) => r.scores !== undefined)!
    const { doc } = await scope.client.fetchQuery(episodeAnnotationOptions(scope.root, { index: before.index, name: before.name }))
    const edited = applyEdit(doc!, { type: 'setOutcome', outcome: { kind: 'failed' } })
    if (!edited.ok) throw new Error(edited.reason)
    await new HistorySaver(database, { dataset: identity, episode: before.index }, 'tab').save(commit(createHistory(doc!), 'failed', edited.doc))
    const after = (await loadCorpusMetrics(scope)).rows.find((r) => r.index === before.index && r.model === before.model)!
    expect(after.corrected).toBe(true)
    // A failed episode's target is 0 everywhere, so the final error is the last prediction itself.
    expect(after.scores?.finalTarget).toBe(0)
    expect(after.scores?.finalError).toBe(after.scores?.finalPrediction)
  })

  it('uses the cached visual change of the reference camera where this browser has one', async () => {
    const scope = setup()
    const first = (await loadCorpusMetrics(scope)).rows[0]!
    const source = await ensureDataset(scope.client, scope.root)
    const episode = await scope.client.fetchQuery(episodeOptions(scope.root, first.index))
    const camera = episode.cameras.find((c) => c.key === referenceCamera(episode.cameras.map((k) => k.key), source.name)?.key)!
    const frames = Array.from({ length: episode.length }, (_, k) => ({ phash: (k < episode.length / 2 ? 0 : 0xffff).toString(16).padStart(16, '0'), width: 8, height: 8 }))
    await writeCachedHashes(database, { dataset: identity, episode: first.index, camera: camera.key }, await mediaIdentity(source, camera), { camera: camera.key, frames })
    const rows = (await loadCorpusMetrics(scope)).rows
    expect(new Set(rows.filter((r) => r.index === first.index).map((r) => r.targetKind))).toEqual(new Set(['hashed']))
    expect(rows.filter((r) => r.index !== first.index).every((r) => r.targetKind === 'time')).toBe(true)
  })

  it('stops with the signal', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(loadCorpusMetrics({ ...setup(), signal: controller.signal })).rejects.toThrow()
  })
})
