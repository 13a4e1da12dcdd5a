import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { main } from '../main'

const testdata = fileURLToPath(new URL('../media/testdata', import.meta.url))
// str(imagehash.phash(PIL.Image.open(file))) for each fixture (written by testdata/make_fixtures.py).
const pil = JSON.parse(readFileSync(join(testdata, 'pil_decoded.json'), 'utf8')) as Record<string, { phash: string }>
const fixture = (name: string): string => join(testdata, name)

let out: string[]
let err: string[]

beforeEach(() => {
  out = []
  err = []
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')))
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('proclens phash', () => {
  it('--json prints exactly [{file, phash}] with imagehash\'s hex, in argument order', async () => {
    const files = ['noise.webp', 'blocks420.jpg', 'gray.png', 'rgba.png'].map(fixture)
    expect(await main(['phash', '--json', ...files])).toBe(0)
    expect(JSON.parse(out.join('\n'))).toEqual(files.map((file) => ({ file, phash: pil[file.split('/').pop()!]!.phash })))
    expect(err).toEqual([])
  })

  it('prints "hash  file" lines without --json', async () => {
    expect(await main(['phash', fixture('gradient.webp'), fixture('lossless.webp')])).toBe(0)
    expect(out).toEqual([`${pil['gradient.webp']!.phash}  ${fixture('gradient.webp')}`, `${pil['lossless.webp']!.phash}  ${fixture('lossless.webp')}`])
  })

  it('lists unreadable files on stderr, still prints the others, exits 1', async () => {
    const missing = fixture('no-such-image.png')
    const notImage = fixture('make_fixtures.py')
    expect(await main(['phash', '--json', missing, fixture('noise.webp'), notImage])).toBe(1)
    expect(JSON.parse(out.join('\n'))).toEqual([{ file: fixture('noise.webp'), phash: pil['noise.webp']!.phash }])
    expect(err).toHaveLength(2)
    expect(err[0]).toContain(missing)
    expect(err[1]).toContain(notImage)
  })

  it.each([[[]], [['--bogus', 'a.png']]])('usage error for %j: exit 2', async (args) => {
    expect(await main(['phash', ...args])).toBe(2)
    expect(out).toEqual([])
  })

  it('reports a missing ffmpeg with the install command, exit 1', async () => {
    vi.stubEnv('PROCLENS_FFMPEG', '/nonexistent/ffmpeg')
    try {
      expect(await main(['phash', fixture('noise.webp')])).toBe(1)
    } finally {
      vi.unstubAllEnvs()
    }
    expect(err.join('\n')).toContain('apt-get install ffmpeg')
  })
})
