// @vitest-environment node
/**
 * Checks the committed demo dataset (public/demo) end to end: LeRobot v2.1 metadata and parquet agree, every
 * frame of every video decodes with the right stamp, codecs and GOPs are as documented, the annotation files
 * are consistent with each other and carry the deliberate mistakes, and the whole thing stays under 20 MB.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parquetMetadata, parquetReadObjects } from 'hyparquet'
import { describe, expect, it } from 'vitest'
import { flattenProposal } from '@/core/formats/flatten'
import { parseJsonl } from '@/core/formats/jsonl'
import { parseProcCorpus } from '@/core/formats/procCorpus'
import type { RawProposalLine } from '@/core/formats/procvlmTypes'
import { isRawSuccess } from '@/core/formats/procvlmTypes'
import { parseRecord } from '@/core/formats/records'
import { ProblemLog } from '@/core/problems'
import { episodeName } from '@/core/time'
import { hasFfmpeg, probeVideo, readVideoStamps } from './videoProbe'

const root = fileURLToPath(new URL('../../../public/demo', import.meta.url))
const present = existsSync(join(root, 'meta', 'info.json'))

interface Info {
  codebase_version: string
  fps: number
  total_episodes: number
  total_frames: number
  total_tasks: number
  total_videos: number
  features: Record<string, { dtype: string; shape: number[]; info?: Record<string, unknown> }>
}

const readJson = <T>(rel: string): T => JSON.parse(readFileSync(join(root, rel), 'utf8')) as T
const readLines = <T>(rel: string): T[] => parseJsonl(readFileSync(join(root, rel), 'utf8'), new ProblemLog()).map((r) => r.value as T)
const info = present ? readJson<Info>('meta/info.json') : undefined
const episodes = (present ? readLines<{ episode_index: number; tasks: string[]; length: number; success: boolean }>('meta/episodes.jsonl') : []).map((e) => ({ ...e, name: episodeName(e.episode_index) }))
const cameras = info === undefined ? [] : Object.entries(info.features).filter(([, f]) => f.dtype === 'video')

function dirBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((s, e) => s + (e.isDirectory() ? dirBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0)
}

async function readParquet(index: number): Promise<Record<string, unknown>[]> {
  const buf = readFileSync(join(root, 'data/chunk-000', `${episodeName(index)}.parquet`))
  return parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) })
}

describe.skipIf(!present)('demo dataset: LeRobot v2.1 side', () => {
  it('declares v2.1 with totals that match the episode list', () => {
    expect(info!.codebase_version).toBe('v2.1')
    expect(info!.fps).toBe(30)
    expect(episodes.map((e) => e.episode_index)).toEqual(episodes.map((_, i) => i))
    expect(info!.total_episodes).toBe(episodes.length)
    expect(info!.total_frames).toBe(episodes.reduce((s, e) => s + e.length, 0))
    expect(info!.total_videos).toBe(episodes.length * cameras.length)
    expect(readLines('meta/tasks.jsonl')).toHaveLength(info!.total_tasks)
    expect(readLines('meta/episodes_stats.jsonl')).toHaveLength(episodes.length)
    expect(cameras.map(([k, f]) => [k, f.info?.['video.codec']])).toEqual([['observation.images.front', 'av1'], ['observation.images.top', 'h264']])
  })

  it('has at least 6 episodes of 150-900 frames and one of at least 5000', () => {
    const lengths = episodes.map((e) => e.length)
    expect(lengths.filter((n) => n >= 150 && n <= 900).length).toBeGreaterThanOrEqual(6)
    expect(Math.max(...lengths)).toBeGreaterThanOrEqual(5000)
  })

  it('writes parquet rows LeRobot-style: local frame_index, global index, float32 lists', async () => {
    let offset = 0
    for (const ep of episodes) {
      const rows = await readParquet(ep.episode_index)
      expect(rows).toHaveLength(ep.length)
      expect(rows.map((r) => Number(r.frame_index))).toEqual(rows.map((_, i) => i))
      expect(rows.map((r) => Number(r.index))).toEqual(rows.map((_, i) => offset + i))
      expect(new Set(rows.map((r) => Number(r.episode_index)))).toEqual(new Set([ep.episode_index]))
      expect(Number(rows[ep.length - 1]!.timestamp)).toBeCloseTo((ep.length - 1) / 30, 4)
      expect((rows[0]!['observation.state'] as number[]).length).toBe(info!.features['observation.state']!.shape[0])
      expect((rows[0]!.action as number[]).length).toBe(6)
      offset += ep.length
    }
    const buf = readFileSync(join(root, 'data/chunk-000/episode_000000.parquet'))
    const schema = parquetMetadata(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)).schema
    expect(schema.find((s) => s.name === 'observation.state')?.converted_type).toBe('LIST')
    expect(schema.find((s) => s.name === 'index')?.type).toBe('INT64')
    expect(schema.find((s) => s.name === 'timestamp')?.type).toBe('FLOAT')
  })

  it('stays under 20 MB', () => {
    expect(dirBytes(root)).toBeLessThan(20_000_000)
  })
})

describe.skipIf(!present || !hasFfmpeg())('demo dataset: videos', () => {
  const cases = episodes.flatMap((ep) => cameras.map(([key]) => ({ ep, key })))
  it.concurrent.each(cases)('$key $ep.name: every frame decodes with its own stamp', async ({ ep, key }) => {
    const path = join(root, 'videos/chunk-000', key, `${episodeName(ep.episode_index)}.mp4`)
    const feature = info!.features[key]!
    const probe = probeVideo(path, 30)
    expect(probe).toMatchObject({ codec: feature.info!['video.codec'], width: feature.shape[1], height: feature.shape[0], pixFmt: 'yuv420p', fps: '30/1', frames: ep.length })
    const gop = key.endsWith('top') && ep.episode_index === 5 ? 250 : 2
    expect(probe.keyframes).toEqual(Array.from({ length: Math.ceil(ep.length / gop) }, (_, i) => i * gop))
    const stamps = await readVideoStamps(path, feature.shape[1]!)
    expect(stamps).toHaveLength(ep.length)
    const wrong = stamps.flatMap((s, i) => (s === i ? [] : [`${i}:${String(s)}`]))
    expect(wrong).toEqual([])
  }, 60_000)
})

describe.skipIf(!present)('demo dataset: annotations', () => {
  const proposal = (i: number): RawProposalLine[] => readLines<RawProposalLine>(`annotation/sub_task_jsonl/demo/${episodeName(i)}.sub_task.jsonl`)

  it.each(episodes)('$name: flattened file = ProcVLM flattening of the raw proposal; truth record is valid', (ep) => {
    const log = new ProblemLog()
    const flat = parseProcCorpus(readFileSync(join(root, `annotation/v2/sub_task/demo/${episodeName(ep.episode_index)}.sub_task.jsonl`), 'utf8'), log)
    expect(flat).toEqual(flattenProposal(proposal(ep.episode_index), ep.length))
    const doc = parseRecord(readJson(`annotation/truth/${episodeName(ep.episode_index)}.json`), log)
    expect(log.problems).toEqual([])
    expect(doc).toMatchObject({ dataset: 'demo', episodeIndex: ep.episode_index, frameCount: ep.length, task: ep.tasks[0] })
    // The recorded success flag is the truth's outcome (episode 1's drop; its VLM proposal says "done").
    expect(ep.success).toBe(doc!.outcome.kind === 'done')
    expect(doc!.segments.map((s) => s.id)).toEqual(doc!.segments.map((_, i) => `s${i + 1}`))
  })

  it.each(episodes)('$name: both models wrote one row per uniformly sampled frame (max 512)', (ep) => {
    for (const model of ['procvlm-2b', 'timebase-7b']) {
      const rows = readLines<Record<string, unknown>>(`annotation/inference/${model}/${episodeName(ep.episode_index)}.jsonl`)
      expect(rows).toHaveLength(Math.min(ep.length, 512))
      expect(Object.keys(rows[0]!)).toEqual(['video_path', 'task', 'sample_index', 'frame_index', 'timestamp_sec', 'window_frame_indices', 'progress', 'parsed_progress', 'progress_source', 'reasoning', 'model_output'])
      expect(rows.every((r) => (r.window_frame_indices as number[]).length === 8)).toBe(true)
      expect(rows.at(-1)!.frame_index).toBe(ep.length - 1)
    }
  })

  it('keeps the deliberate proposal mistakes', () => {
    const truthEnd = (i: number, seg: number): number => readJson<{ doc: { segments: { end: number }[] } }>(`annotation/truth/${episodeName(i)}.json`).doc.segments[seg]!.end
    const subtasks = (i: number) => proposal(i).filter(isRawSuccess)[0]!.results.subtasks
    // 0: late boundary; 1: failure reported as done; 2: early boundary; 3: duplicated names; 4: missed subtask.
    expect(subtasks(0)[0]!.complete_frame! - truthEnd(0, 0)).toBeGreaterThanOrEqual(30)
    expect(readJson<{ doc: { outcome: { kind: string } } }>('annotation/truth/episode_000001.json').doc.outcome.kind).toBe('not-done')
    expect(subtasks(1).every((s) => s.complete_frame !== null)).toBe(true)
    expect(truthEnd(2, 0) - subtasks(2)[0]!.complete_frame!).toBeGreaterThanOrEqual(100)
    const names3 = subtasks(3).map((s) => s.name)
    expect(new Set(names3).size).toBeLessThan(names3.length)
    expect(subtasks(4).filter((s) => s.start_frame === null && s.complete_frame === null && s.notes === 'not present')).toHaveLength(1)
  })

  it('judges episode 0 lower under the longer instruction (zero-shot reward editing)', () => {
    for (const model of ['procvlm-2b', 'timebase-7b']) {
      const last = (suffix: string): number => readLines<{ progress: number }>(`annotation/inference/${model}/episode_000000${suffix}.jsonl`).at(-1)!.progress
      expect(last('.alt-instruction')).toBeLessThan(last('') - 10)
    }
  })
})
