// `proclens inspect`: the JSON shape, the exit codes, and the same readers as the app (real shared datasets).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captureConsole } from '../../test/captureConsole'
import type { LocalServer } from '../../test/urlErrorServers'
import { refusedUrl, serveFiles, serveStatus } from '../../test/urlErrorServers'
import { main } from '../main'

const ROOT = fileURLToPath(new URL('../../../../shared/datasets', import.meta.url))
const tmp = mkdtempSync(join(tmpdir(), 'proclens-inspect-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const { stdout, stderr } = captureConsole()
const json = (): Record<string, unknown> => JSON.parse(stdout()) as Record<string, unknown>

describe.skipIf(!existsSync(`${ROOT}/g1-policy-train_lerobot-v2.1`))('proclens inspect on real datasets', () => {
  it('prints exactly the documented JSON for g1: episode 29 present, the 99 others as problems', async () => {
    expect(await main(['inspect', `${ROOT}/g1-policy-train_lerobot-v2.1`, '--json'])).toBe(0)
    const report = json()
    expect(Object.keys(report)).toEqual(['format', 'fps', 'episodes', 'problems'])
    expect(report.format).toBe('lerobot-v2.1')
    expect(report.fps).toBe(30)
    expect(report.episodes).toEqual([{
      episode_index: 29, length: 221, task: 'Pick up the yellow bottle on the table.',
      cameras: [{ key: 'observation.images.cam_high', codec: 'av1', width: 640, height: 480, frames: 221, browser_playable: true }],
    }])
    const problems = report.problems as { episode_index?: number; kind: string; message: string }[]
    expect(problems).toHaveLength(99)
    expect(problems.every((p) => p.kind === 'episode-missing' && Object.keys(p).join() === 'episode_index,kind,message,remedy')).toBe(true)
    expect(problems[0]).toMatchObject({ remedy: 'fetch the files, or ignore the episode' })
    expect(problems.map((p) => p.episode_index)).not.toContain(29)
    expect(stderr()).toContain('99 problem(s)')
  })

  it.skipIf(!existsSync(`${ROOT}/robocoin-g1edu-schema-only`))('lists dataset-level problems without episode_index and exits 0', async () => {
    expect(await main(['inspect', `${ROOT}/robocoin-g1edu-schema-only`, '--json'])).toBe(0)
    const problems = json().problems as { episode_index?: number; kind: string }[]
    expect(problems.filter((p) => p.episode_index === undefined).map((p) => p.kind).sort())
      .toEqual(['episodes-index-missing', 'feature-names-mismatch', 'feature-names-mismatch', 'splits-mismatch'])
    expect(json().episodes).toEqual([])
  })

  it.skipIf(!existsSync(`${ROOT}/crowndata-droid_image-sequences`))('reports image cameras with codec "images"', async () => {
    expect(await main(['inspect', `${ROOT}/crowndata-droid_image-sequences`, '--json'])).toBe(0)
    const episodes = json().episodes as { length: number; cameras: { codec: string; width: number; frames: number }[] }[]
    expect(episodes.map((e) => e.length)).toEqual([142, 87])
    expect(episodes[0]?.cameras.map((c) => [c.codec, c.width, c.frames])).toEqual([['images', 88, 142], ['images', 88, 142], ['images', 88, 142]])
  })

  it.skipIf(!existsSync(`${ROOT}/opengvl-predictions`))('exits 1 on a folder that is not a dataset, saying what it holds', async () => {
    expect(await main(['inspect', `${ROOT}/opengvl-predictions`, '--json'])).toBe(1)
    expect(stderr()).toMatch(/no dataset here: 1 prediction file/)
    expect(json()).toMatchObject({ format: null, episodes: [], problems: [{ kind: 'not-a-dataset' }], error: { kind: 'not-a-dataset', path: `${ROOT}/opengvl-predictions` } })
  })

  it('prints a readable summary without --json', async () => {
    expect(await main(['inspect', `${ROOT}/g1-policy-train_lerobot-v2.1`])).toBe(0)
    expect(stdout()).toMatch(/lerobot-v2\.1, 30 fps, 1 episode\(s\) with files/)
    expect(stdout()).toMatch(/#29 {2}221 frames/)
    expect(stdout()).toMatch(/\[episode 0\] episode-missing: the metadata lists episode 0.*\n {6}what to do: fetch the files, or ignore the episode\n/)
  })
})

describe('proclens inspect arguments', () => {
  it.each([
    [['inspect'], 2],
    [['inspect', 'a', 'b'], 2],
    [['inspect', '--bogus', 'x'], 2],
  ])('%j exits %i (usage)', async (args, code) => {
    expect(await main(args)).toBe(code)
  })

  it('exits 1 for a missing folder, a file, and an empty folder', async () => {
    expect(await main(['inspect', join(tmp, 'nope')])).toBe(1)
    expect(stderr()).toMatch(/no such file or folder/)
    writeFileSync(join(tmp, 'file.txt'), 'x')
    expect(await main(['inspect', join(tmp, 'file.txt')])).toBe(1)
    expect(await main(['inspect', tmp])).toBe(1)
  })
})

describe('proclens inspect URL: why a URL does not open, named exactly', () => {
  let s403: LocalServer
  let listing: LocalServer
  let refused: string
  beforeAll(async () => {
    s403 = await serveStatus(403)
    listing = await serveFiles({ 'results/run_1.jsonl': '{"model_response": "x"}\n' })
    refused = await refusedUrl()
  })
  afterAll(() => Promise.all([s403.close(), listing.close()]))

  it('--json: the report\'s shape with format null, the error as its one problem, and error {kind, message, url}', async () => {
    expect(await main(['inspect', `${s403.url}/private`, '--json'])).toBe(1)
    const message = `The server refuses access: 403 Forbidden for meta/info.json of ${s403.url}/private/. Check that the files are public`
    expect(json()).toMatchObject({
      format: null, fps: null, episodes: [],
      problems: [{ kind: 'forbidden', message: expect.stringContaining(message) as unknown }],
      error: { kind: 'forbidden', message: expect.stringContaining(message) as unknown, url: `${s403.url}/private/` },
    })
    expect(stderr()).toContain(`proclens inspect: The server refuses access: 403 Forbidden for meta/info.json of ${s403.url}/private/.\n  Check that`)
  })

  it('names ECONNREFUSED for a port nothing listens on', async () => {
    expect(await main(['inspect', `${refused}/ds`])).toBe(1)
    expect(stderr()).toMatch(/^proclens inspect: Nothing is listening on 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/)
    expect(stdout()).toBe('')
  })

  it('says what a listed folder holds', async () => {
    expect(await main(['inspect', `${listing.url}/`, '--json'])).toBe(1)
    expect(json()).toMatchObject({ error: { kind: 'not-a-dataset', url: `${listing.url}/` } })
    expect(stderr()).toContain(`${listing.url}/: no dataset here: 1 prediction file (results/run_1.jsonl)`)
  })

  it('refuses a URL of another scheme as a URL, not as a missing folder', async () => {
    expect(await main(['inspect', 'ftp://example.org/ds', '--json'])).toBe(1)
    expect(json()).toMatchObject({ error: { kind: 'malformed-url', url: 'ftp://example.org/ds' } })
    expect(stderr()).toContain('"ftp://example.org/ds" uses ftp:; datasets are read over http:// or https:// only.')
  })

  it('suggests the scheme for a missing folder that looks like an address', async () => {
    expect(await main(['inspect', 'example.org/ds'])).toBe(1)
    expect(stderr()).toBe('proclens inspect: example.org/ds: no such file or folder.\n  To open a URL, give its scheme: `proclens inspect https://example.org/ds`.')
  })
})
