// @vitest-environment node
/**
 * `proclens progress --dataset`: the episode's labels come through the app's own route and the target from
 * the core, so on the demo (whose flattened files are ProcVLM's flattening of its raw proposals) the pipeline
 * profile must equal the flat-file mode bit for bit, and the annotator profile must honour the document.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { captureConsole } from '@/test/captureConsole'
import { main } from '../main'

const DEMO = fileURLToPath(new URL('../../../public/demo', import.meta.url))

interface Json {
  frames: { frame_id: number; sub_task: string | null; progress: number; remaining_actions: (string | null)[] }[]
  problems: { kind: string; severity: string }[]
}

const io = captureConsole()

async function run(args: string[]): Promise<{ code: number; json: Json | undefined; stderr: string }> {
  io.clear()
  const code = await main(['progress', ...args])
  return { code, json: io.stdout() === '' ? undefined : JSON.parse(io.stdout()) as Json, stderr: io.stderr() }
}

describe.skipIf(!existsSync(`${DEMO}/meta/info.json`))('progress --dataset (demo)', () => {
  it('pipeline profile = the flat file mode on the same frames, value for value', async () => {
    const viaDataset = await run(['--dataset', DEMO, '--episode', '1', '--profile', 'pipeline', '--json'])
    const viaFiles = await run(['--labels', `${DEMO}/annotation/v2/sub_task/demo/episode_000001.sub_task.jsonl`,
      '--frames', `${DEMO}/videos/chunk-000/observation.images.front/episode_000001.mp4`, '--json'])
    expect(viaDataset.code).toBe(0)
    expect(viaDataset.stderr).toContain('frames from observation.images.front')
    expect(viaDataset.json!.frames.map((f) => f.progress)).toEqual(viaFiles.json!.frames.map((f) => f.progress))
    expect(viaDataset.json!.frames.map((f) => f.sub_task)).toEqual(viaFiles.json!.frames.map((f) => f.sub_task))
    expect(viaDataset.json!.frames.map((f) => f.remaining_actions)).toEqual(viaFiles.json!.frames.map((f) => f.remaining_actions))
  })

  it('annotator profile: the raw proposal\'s document (episode 1 claims done: the last frame is 100%)', async () => {
    const r = await run(['--dataset', DEMO, '--episode', '1', '--json'])
    expect(r.code).toBe(0)
    const frames = r.json!.frames
    expect(frames).toHaveLength(314)
    expect(frames.at(-1)).toMatchObject({ sub_task: 'done', progress: 1, remaining_actions: [] })
    expect(frames[0]!.remaining_actions).toEqual(['Grasp the green cube.', 'Place the green cube into the bin.'])
  })

  it.each([
    [['--dataset', DEMO], /--episode N/],
    [['--dataset', DEMO, '--episode', '0', '--labels', 'x'], /--labels does not go with --dataset/],
    [['--episode', '0', '--labels', 'x', '--frames', 'y'], /--episode goes with --dataset/],
    [['--dataset', DEMO, '--episode', '0', '--profile', 'fast'], /--profile is annotator or pipeline/],
  ])('usage errors: %j', async (args, message) => {
    const r = await run(args)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
  })

  it('names a camera that does not exist and an episode without labels', async () => {
    const camera = await run(['--dataset', DEMO, '--episode', '0', '--camera', 'observation.images.wrist', '--json'])
    expect(camera.code).toBe(1)
    expect(camera.json!.problems.map((p) => p.kind)).toContain('no-camera')
  })
})
