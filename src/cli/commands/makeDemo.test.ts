// @vitest-environment node
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { main } from '../main'

let dir: string
let err: string[]

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'proclens-make-demo-'))
  err = []
  vi.spyOn(console, 'log').mockImplementation(() => {})
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')))
})

afterEach(async () => {
  vi.restoreAllMocks()
  await rm(dir, { recursive: true, force: true })
})

// The full render takes minutes; the committed output is checked by src/cli/demo/demoDataset.test.ts.
describe('proclens make-demo', () => {
  it.each([[[]], [['a', 'b']], [['--bogus', 'out']]])('exits 2 on a bad command line %j', async (args) => {
    expect(await main(['make-demo', ...args])).toBe(2)
    expect(err.join('\n')).toContain('Usage: proclens make-demo OUT_DIR')
  })

  it('refuses to write into a folder that is not empty and not a dataset', async () => {
    await writeFile(join(dir, 'notes.txt'), 'keep me')
    expect(await main(['make-demo', dir])).toBe(1)
    expect(err.join('\n')).toContain('refusing to overwrite')
  })
})
