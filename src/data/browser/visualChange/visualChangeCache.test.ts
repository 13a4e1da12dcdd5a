// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { ProcLensDb } from '../db'
import { readCachedHashes, writeCachedHashes } from './visualChangeCache'

let database: ProcLensDb
afterEach(async () => {
  database.close()
  await database.delete()
})

const key = { dataset: 'http://h/demo', episode: 2, camera: 'observation.images.front' }
const frames = [
  { phash: '8000000000000000', width: 640, height: 480 },
  { phash: undefined, width: 640, height: 480 },
  { phash: 'ffffffffffffffff', width: 320, height: 240 },
]

describe('cached frame hashes', () => {
  it('come back as written, unhashed frames included, only for the same media and frame count', async () => {
    database = new ProcLensDb(`test-${Math.random()}`)
    await writeCachedHashes(database, key, 'videos/x.mp4@1234', { camera: key.camera, frames })
    expect(await readCachedHashes(database, key, 'videos/x.mp4@1234', 3)).toEqual({ camera: key.camera, frames })
    expect(await readCachedHashes(database, key, 'videos/x.mp4@9999', 3)).toBeUndefined()
    expect(await readCachedHashes(database, key, 'videos/x.mp4@1234', 4)).toBeUndefined()
    expect(await readCachedHashes(database, { ...key, camera: 'observation.images.top' }, 'videos/x.mp4@1234', 3)).toBeUndefined()
  })
})
