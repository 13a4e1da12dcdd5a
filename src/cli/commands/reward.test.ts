import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseInferenceJsonl } from '../../core/formats/inference'
import { ProblemLog } from '../../core/problems'
import { rewardCsv } from '../../core/rewardCsv'
import { curveRewards } from '@/stores/rewardDerived'
import { DEFAULT_REWARD_SETTINGS } from '@/stores/rewardStore'
import { docOf } from '@/test/docs'
import { main } from '../main'

const PRED = 'public/demo/annotation/inference/procvlm-2b/episode_000000.jsonl'
let dir: string
let out: string[]
let err: string[]

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'proclens-reward-'))
  out = []
  err = []
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')))
})

afterEach(async () => {
  vi.restoreAllMocks()
  await rm(dir, { recursive: true, force: true })
})

describe('proclens reward', () => {
  it('writes the same CSV, byte for byte, as the app\'s Reward view for the same curve and settings', async () => {
    const csv = join(dir, 'r.csv')
    expect(await main(['reward', '--pred', PRED, '--frames', '340', '--csv', csv, '--json'])).toBe(0)
    const frames = parseInferenceJsonl(await readFile(PRED, 'utf8'), new ProblemLog()).frames
    const doc = docOf([['Grasp the red cube.', 165], ['Place the red cube into the bin.', 75], ['tail', 100]])
    const app = curveRewards(doc, undefined, [{ name: 'procvlm-2b', model: 'procvlm-2b', path: PRED, frames }], DEFAULT_REWARD_SETTINGS)
    const model = app.find((c) => c.key === 'model:procvlm-2b')!
    expect(await readFile(csv, 'utf8')).toBe(rewardCsv(model.rewards, model.filter))
    const summary = JSON.parse(out[0]!) as { return: number; kept_fraction: number; frames: number }
    expect(summary.return).toBe(model.rewards.cumulative[339])
    expect(summary.kept_fraction).toBe(model.filter.keptFraction)
    expect(summary.frames).toBe(340)
  })

  it.each<[string, string[], RegExp]>([
    ['no predictions file', ['reward', '--frames', '10'], /--pred FILE is required/],
    ['no frame count', ['reward', '--pred', PRED], /--frames N is required/],
    ['a bad clip', ['reward', '--pred', PRED, '--frames', '10', '--clip', '0'], /--clip is not valid/],
    ['a bad baseline', ['reward', '--pred', PRED, '--frames', '10', '--baseline', 'median'], /zero or mean/],
  ])('usage error: %s', async (_name, argv, message) => {
    expect(await main(argv)).toBe(2)
    expect(err.join('\n')).toMatch(message)
  })
})
