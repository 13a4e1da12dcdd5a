import { describe, expect, it } from 'vitest'
import { camerasFromInfo, formatTemplate, parseInfo } from './info'

describe('formatTemplate', () => {
  it.each([
    ['data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet', { episode_chunk: 1, episode_index: 1234 }, 'data/chunk-001/episode_001234.parquet'],
    ['videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4', { video_key: 'observation.images.top', chunk_index: 0, file_index: 12 }, 'videos/observation.images.top/chunk-000/file-012.mp4'],
    ['x/{episode_index}/{unknown}', { episode_index: 7 }, 'x/7/{unknown}'],
    ['{n:3d}', { n: 5 }, '005'],
  ])('%s', (template, values, expected) => {
    expect(formatTemplate(template, values)).toBe(expected)
  })
})

const base = { codebase_version: 'v2.1', fps: 30, total_episodes: 4, features: {} }

describe('parseInfo', () => {
  it('reads the fields and defaults the templates', () => {
    const { info, problems } = parseInfo(JSON.stringify(base))
    expect(problems).toEqual([])
    expect(info).toMatchObject({ fps: 30, totalEpisodes: 4, chunksSize: 1000, dataPath: 'data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet' })
    expect(parseInfo(JSON.stringify({ ...base, codebase_version: 'v3.0' })).info?.videoPath).toBe('videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4')
    expect(parseInfo(JSON.stringify({ ...base, video_path: null })).info?.videoPath).toBeUndefined()
  })

  it.each([
    ['{not json', 'info-invalid'],
    [JSON.stringify({ ...base, fps: 0 }), 'info-invalid'],
    [JSON.stringify({ ...base, total_episodes: undefined }), 'info-invalid'],
  ])('rejects %s', (text, kind) => {
    const { info, problems } = parseInfo(text)
    expect(info).toBeUndefined()
    expect(problems.map((p) => p.kind)).toEqual([kind])
  })

  it.each([
    [{ splits: { train: '0:3' } }, ['splits-mismatch']],
    [{ splits: { train: '0:4' } }, []],
    [{ features: { state: { dtype: 'float32', shape: [3], names: ['a', 'b'] } } }, ['feature-names-mismatch']],
    [{ features: { state: { dtype: 'float32', shape: [2], names: [['a', 'b']] } } }, []],
    [{ features: { state: { dtype: 'float32', shape: [2], names: { motors: ['a', 'b', 'c'] } } } }, ['feature-names-mismatch']],
    [{ features: { cam: { dtype: 'video', shape: [480, 640, 3], names: ['height', 'width', 'channel'] } } }, []],
  ])('checks %j', (extra, kinds) => {
    expect(parseInfo(JSON.stringify({ ...base, ...extra })).problems.map((p) => p.kind)).toEqual(kinds)
  })

  it('lists video and embedded-image cameras with their declared size and codec', () => {
    const { info } = parseInfo(JSON.stringify({ ...base, features: {
      'observation.images.top': { dtype: 'video', shape: [480, 640, 3], info: { 'video.height': 480, 'video.width': 640, 'video.codec': 'libsvtav1', 'video.fps': 30 } },
      'observation.images.wrist': { dtype: 'image', shape: [96, 128, 3] },
      'observation.state': { dtype: 'float32', shape: [6] },
    } }))
    expect(camerasFromInfo(info!)).toEqual([
      { key: 'observation.images.top', kind: 'video', width: 640, height: 480, codec: 'av1', fps: 30 },
      { key: 'observation.images.wrist', kind: 'images', width: 128, height: 96 },
    ])
  })
})
