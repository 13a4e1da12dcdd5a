import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNodeFileStore } from '@/cli/nodeFileStore'
import type { FileStore } from '../fileStore'
import { AnnotationFinder, classifyAnnotationPath } from './annotationFiles'

describe('classifyAnnotationPath', () => {
  it.each([
    ['annotation/v2/sub_task/ds/episode_000003.sub_task.jsonl', { kind: 'proccorpus', episode: 'episode_000003', dataset: 'ds' }],
    ['annotation/v3/sub_task/ds/episode_000003.sub_task.jsonl', { kind: 'proccorpus', episode: 'episode_000003', dataset: 'ds' }],
    ['annotation/sub_task_jsonl/ds/droid_00000002.sub_task.jsonl', { kind: 'vlm-proposal', episode: 'droid_00000002', dataset: 'ds' }],
    ['annotation/truth/episode_000001.json', { kind: 'truth', episode: 'episode_000001' }],
    ['annotation/inference/procvlm-2b/episode_000000.jsonl', { kind: 'inference', episode: 'episode_000000', model: 'procvlm-2b' }],
    ['annotation/inference/m/episode_000000.alt-instruction.jsonl', { kind: 'inference', episode: 'episode_000000', model: 'm', tag: 'alt-instruction' }],
  ])('%s', (path, expected) => {
    expect(classifyAnnotationPath(path)).toEqual({ path, ...expected })
  })

  it.each([
    ['annotation/README.md'], ['annotation/v2/sub_task/ds/episode_1.plan.jsonl'], ['annotation/sub_task_jsonl/ds/borders.pkl'],
    ['meta/episodes.jsonl'], ['annotation/inference/episode_000000.jsonl'], ['annotation/v2/sub_task/episode_1.sub_task.jsonl'],
  ])('ignores %s', (path) => {
    expect(classifyAnnotationPath(path)).toBeUndefined()
  })
})

function withoutListing(store: FileStore): FileStore {
  return { label: store.label, name: store.name, readText: (p) => store.readText(p), readBytes: (p, r) => store.readBytes(p, r), size: (p) => store.size(p) }
}

describe('AnnotationFinder', () => {
  let root: string
  const files = [
    'annotation/v2/sub_task/ds/episode_000000.sub_task.jsonl',
    'annotation/v2/sub_task/old_name/episode_000000.sub_task.jsonl',
    'annotation/v2/sub_task/old_name/episode_000001.sub_task.jsonl',
    'annotation/sub_task_jsonl/ds/episode_000000.sub_task.jsonl',
    'annotation/truth/episode_000000.json',
    'annotation/inference/model-a/episode_000000.jsonl',
    'annotation/inference/model-a/episode_000000.long.jsonl',
    'annotation/README.md',
  ]
  beforeAll(() => {
    root = join(mkdtempSync(join(tmpdir(), 'proclens-ann-')), 'ds')
    for (const f of files) {
      mkdirSync(dirname(join(root, f)), { recursive: true })
      writeFileSync(join(root, f), '{}\n')
    }
  })
  afterAll(() => rmSync(dirname(root), { recursive: true, force: true }))

  it('walks a store that can list, preferring files under the dataset\'s own name', async () => {
    const finder = new AnnotationFinder(createNodeFileStore(root), 'ds')
    const refs = await finder.forEpisode('episode_000000')
    expect(refs.map((r) => r.path).sort()).toEqual(files.filter((f) => f.includes('episode_000000') && !f.includes('old_name')).sort())
    // A renamed root: files under another dataset name are used when none match.
    expect((await finder.forEpisode('episode_000001')).map((r) => r.dataset)).toEqual(['old_name'])
    expect((await finder.index())?.size).toBe(2)
  })

  it('tries the ProcVLM paths where the store cannot list (inference needs the manifest)', async () => {
    const refs = await new AnnotationFinder(withoutListing(createNodeFileStore(root)), 'ds').forEpisode('episode_000000')
    expect(refs.map((r) => r.kind).sort()).toEqual(['proccorpus', 'truth', 'vlm-proposal'])
  })

  it('reads annotation/index.json when present', async () => {
    writeFileSync(join(root, 'annotation/index.json'), JSON.stringify({ version: 1, files: files.slice(4, 7) }))
    try {
      const refs = await new AnnotationFinder(withoutListing(createNodeFileStore(root)), 'ds').forEpisode('episode_000000')
      expect(refs.map((r) => [r.kind, r.tag])).toEqual([['truth', undefined], ['inference', undefined], ['inference', 'long']])
    } finally {
      rmSync(join(root, 'annotation/index.json'))
    }
  })

  it('reports an unusable manifest and falls back', async () => {
    writeFileSync(join(root, 'annotation/index.json'), '{"files": "nope"}')
    try {
      const finder = new AnnotationFinder(withoutListing(createNodeFileStore(root)), 'ds')
      expect((await finder.forEpisode('episode_000000')).length).toBe(3)
      expect(finder.problems.map((p) => p.kind)).toEqual(['annotation-index-invalid'])
    } finally {
      rmSync(join(root, 'annotation/index.json'))
    }
  })
})
