// The other paths tried for a file info.json's template misses, and the rules that keep a file found by name to
// the right camera and chunk.
import { describe, expect, it } from 'vitest'
import { nameKey } from './fileLocator'
import { inCameraFolder, inChunk, v2DataAlternatives, v2VideoAlternatives, v3DataAlternatives, v3VideoAlternatives } from './layoutAlternatives'

const KEY = 'observation.images.front'

describe('layout alternatives', () => {
  it('v2.1 videos: both folder orders, the key as nested folders, both chunk sizes, no chunk folder', () => {
    expect(v2VideoAlternatives(KEY, 1234, 500)).toEqual([
      `videos/chunk-002/${KEY}/episode_001234.mp4`, 'videos/chunk-002/observation/images/front/episode_001234.mp4', `videos/${KEY}/chunk-002/episode_001234.mp4`,
      `videos/chunk-001/${KEY}/episode_001234.mp4`, 'videos/chunk-001/observation/images/front/episode_001234.mp4', `videos/${KEY}/chunk-001/episode_001234.mp4`,
      `videos/${KEY}/episode_001234.mp4`,
    ])
    expect(v2VideoAlternatives('top', 3, 1000)).toEqual(['videos/chunk-000/top/episode_000003.mp4', 'videos/top/chunk-000/episode_000003.mp4', 'videos/top/episode_000003.mp4'])
  })

  it('v2.1 data: both chunk sizes, no chunk folder', () => {
    expect(v2DataAlternatives(1234, 500)).toEqual(['data/chunk-002/episode_001234.parquet', 'data/chunk-001/episode_001234.parquet', 'data/episode_001234.parquet'])
  })

  it("v3.0 videos: LeRobot's template, v2.1's folder order, the key as nested folders, unpadded, no chunk folder", () => {
    expect(v3VideoAlternatives(KEY, 1, 12)).toEqual([
      `videos/${KEY}/chunk-001/file-012.mp4`, `videos/chunk-001/${KEY}/file-012.mp4`,
      'videos/observation/images/front/chunk-001/file-012.mp4', 'videos/chunk-001/observation/images/front/file-012.mp4',
      `videos/${KEY}/chunk-1/file-12.mp4`, `videos/${KEY}/file-012.mp4`,
    ])
  })

  it("v3.0 data: LeRobot's template, unpadded, no chunk folder", () => {
    expect(v3DataAlternatives(1, 12)).toEqual(['data/chunk-001/file-012.parquet', 'data/chunk-1/file-12.parquet', 'data/file-012.parquet'])
  })
})

describe('what a search may use', () => {
  it.each([
    [`videos/${KEY}/x/file-000.mp4`, true],
    ['videos/a/observation/images/front/file-000.mp4', true],
    ['videos/observation.images.wrist/file-000.mp4', false],
    ['videos/observation/images/wrist/file-000.mp4', false],
    [`videos/other/${KEY}.mp4`, false],
  ])('in the camera folder: %s -> %s', (path, expected) => {
    expect(inCameraFolder(KEY)(path)).toBe(expected)
  })

  it.each([
    ['videos/k/chunk-001/file-000.mp4', true],
    ['videos/chunk-1/k/file-000.mp4', true],
    ['videos/k/chunk_001/file-000.mp4', true],
    ['videos/k/file-000.mp4', true],
    ['videos/k/chunk-002/file-000.mp4', false],
    ['videos/chunk-000/k/file-000.mp4', false],
  ])('in chunk 1: %s -> %s', (path, expected) => {
    expect(inChunk(1)(path)).toBe(expected)
  })

  it.each([
    ['file-000.mp4', 'file-0'],
    ['file-0.mkv', 'file-0'],
    ['episode_000120.parquet', 'episode_120'],
    ['episode_120.parquet', 'episode_120'],
    ['cam10-file-007.mp4', 'cam10-file-7'],
  ])('a file name matches across padding and extension: %s -> %s', (name, key) => {
    expect(nameKey(name)).toBe(key)
  })
})
