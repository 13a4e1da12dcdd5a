/**
 * What the fuzzer feeds: valid seed files (the demo's annotation files and dataset, a LeRobot v3.0 fixture) and
 * the code under test (every text importer, openDataset + loadEpisode over an in-memory store, CLI commands).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { detectFormat } from '@/core/formats/detectFormat'
import { importProcCorpus } from '@/core/formats/flatToDoc'
import { parseGvlRecords } from '@/core/formats/gvlRecords'
import { parseInferenceJsonl } from '@/core/formats/inference'
import { parsePredictions } from '@/core/formats/predictions'
import { importVlmProposal } from '@/core/formats/proposalToDoc'
import { parseEpisodeRecords, parseRecords } from '@/core/formats/records'
import { ProblemLog } from '@/core/problems'
import { readLoadedPredictions } from '@/data/annotations/loadedPredictions'
import { NotADatasetError, openDataset } from '@/data/openDataset'
import { memoryStore } from '@/test/lerobotExportFixture'
import type { FixtureFiles } from '@/test/lerobotFixture'
import { lerobotV30Fixture } from '@/test/lerobotFixture'

const DEMO = fileURLToPath(new URL('../../../public/demo/', import.meta.url))
const encoder = new TextEncoder()

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]))
}

const head = (path: string, lines: number): Uint8Array => encoder.encode(readFileSync(path, 'utf8').split('\n').slice(0, lines).join('\n') + '\n')
const gvl = JSON.stringify({ eval_episode: { episode_index: 1, instruction: 'stack', ground_truth_completion: [0, 50, 100], original_frames_indices: [0, 10, 20], shuffled_frames_indices: [2, 0, 1] }, model_response: 'Frame 1: 100%, Frame 2: 0%, Frame 3: 50%' })
const preds = Array.from({ length: 12 }, (_, i) => JSON.stringify({ episode: `episode_00000${i % 2}`, frame_index: i * 5, progress: i * 8 })).join('\n') + '\n'

/** Valid text files of every format the importers read (kept short: a few dozen lines each). */
export const TEXT_SEEDS: [string, Uint8Array][] = [
  ['proposal', head(join(DEMO, 'annotation/sub_task_jsonl/demo/episode_000002.sub_task.jsonl'), 40)],
  ['flat', head(join(DEMO, 'annotation/v2/sub_task/demo/episode_000002.sub_task.jsonl'), 60)],
  ['inference', head(join(DEMO, 'annotation/inference/procvlm-2b/episode_000001.jsonl'), 20)],
  ['record', readFileSync(join(DEMO, 'annotation/truth/episode_000002.json'))],
  ['records', encoder.encode([0, 1].map((i) => JSON.stringify(JSON.parse(readFileSync(join(DEMO, `annotation/truth/episode_00000${i}.json`), 'utf8')))).join('\n') + '\n')],
  ['predictions', encoder.encode(preds)],
  ['predictions-csv', encoder.encode('episode,frame_index,progress\nepisode_000000,0,0\nepisode_000000,5,0.4\nepisode_000000,10,1\n')],
  ['gvl', encoder.encode(`${gvl}\n${gvl}\n`)],
]

/** Every text importer on one input; problems are the expected outcome, a throw is a bug. */
export function runImporters(bytes: Uint8Array, name: string): void {
  const text = new TextDecoder().decode(bytes)
  const log = new ProblemLog({ file: name })
  detectFormat(text)
  parsePredictions(text, log)
  parsePredictions(text, log, { format: 'csv', scale: 'auto' })
  parseInferenceJsonl(text, log)
  importVlmProposal(text, { file: `demo/${name}.sub_task.jsonl` })
  importVlmProposal(text, { file: name, frameCount: 300, fps: 30 })
  importProcCorpus(text, { file: `demo/${name}.sub_task.jsonl` })
  importProcCorpus(text, { file: name, frameCount: 300, fps: 30 })
  parseRecords(text, log)
  parseEpisodeRecords(text, log)
  parseGvlRecords(text, log)
  readLoadedPredictions({ name: `${name}_episode_000001.jsonl`, model: 'm', text })
}

/** The demo dataset (LeRobot v2.1, two cameras) without its annotation folder, as in-memory files. */
export function demoDatasetFiles(): FixtureFiles {
  const files: FixtureFiles = new Map()
  for (const path of walk(DEMO)) {
    const rel = relative(DEMO, path).split('\\').join('/')
    if (!rel.startsWith('annotation/')) files.set(rel, new Uint8Array(readFileSync(path)))
  }
  return files
}

/** Two datasets whose files the fuzzer damages one at a time, with the paths worth damaging. */
export function datasetSeeds(): { files: FixtureFiles; targets: string[] }[] {
  const demo = demoDatasetFiles()
  const v30 = lerobotV30Fixture({ fps: 30, lengths: [20, 30, 25], cameras: [{ key: 'observation.images.front', codec: 'h264' }], withData: true })
  const video = demo.get('videos/chunk-000/observation.images.front/episode_000000.mp4')
  if (video !== undefined) v30.set('videos/observation.images.front/chunk-000/file-000.mp4', video)
  return [
    { files: demo, targets: ['meta/info.json', 'meta/episodes.jsonl', 'meta/tasks.jsonl', 'meta/episodes_stats.jsonl', 'data/chunk-000/episode_000000.parquet', 'videos/chunk-000/observation.images.front/episode_000000.mp4'] },
    { files: v30, targets: [...v30.keys()] },
  ]
}

/** Opens the dataset and loads two episodes; NotADatasetError is the documented answer to an unusable root. */
export async function runDataset(files: FixtureFiles): Promise<void> {
  let source
  try {
    source = await openDataset(memoryStore(files, { listing: true }))
  } catch (e) {
    if (e instanceof NotADatasetError) return
    throw e
  }
  for (const e of await source.listEpisodes(0, 2)) await source.loadEpisode(e.index)
}
