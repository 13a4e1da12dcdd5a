import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseInferenceJsonl } from '../../core/formats/inference'
import { parsePredictions } from '../../core/formats/predictions'
import { gvlOrder, gvlTexts } from '../../core/predict/gvl'
import { procvlmPrompt } from '../../core/predict/procvlm'
import { ProblemLog } from '../../core/problems'
import type { ChatCall, ChatReply, ChatServer } from '../../test/chatServer'
import { serveChat } from '../../test/chatServer'
import { main } from '../main'

const DEMO = 'public/demo'
const KEY_VAR = 'PROCLENS_TEST_PREDICT_KEY'
const KEY = 'sk-test-0123456789abcdef'
const TASK0 = 'put the red cube into the bin'
let dir: string
let out: string[]
let err: string[]
let server: ChatServer | undefined

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'proclens-predict-'))
  out = []
  err = []
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')))
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    err.push(String(s))
    return true
  })
  process.env[KEY_VAR] = KEY
})

afterEach(async () => {
  vi.restoreAllMocks()
  delete process.env[KEY_VAR]
  await server?.close()
  server = undefined
  await rm(dir, { recursive: true, force: true })
})

const imagesOf = (call: ChatCall): string[] => call.body.messages[0]!.content.flatMap((p) => (p.type === 'image_url' ? [p.image_url.url] : []))

/** What every request must look like, whatever the protocol. */
function checkCommon(call: ChatCall, withKey: boolean): void {
  if (call.method !== 'POST' || call.path !== '/v1/chat/completions') throw new Error(`${call.method} ${call.path}`)
  if (call.body.model !== 'test-vlm') throw new Error(`model ${call.body.model}`)
  if (call.body.messages.length !== 1 || call.body.messages[0]!.role !== 'user') throw new Error('not one user message')
  if (call.body.temperature !== 0) throw new Error('not greedy')
  for (const url of imagesOf(call)) if (!url.startsWith('data:image/jpeg;base64,/9j/')) throw new Error('an image is not a JPEG data URL')
  const auth = call.headers.authorization
  if (withKey ? auth !== `Bearer ${KEY}` : auth !== undefined) throw new Error(`authorization header ${auth === undefined ? 'missing' : 'unexpected'}`)
}

/** The sample position of a procvlm request over the first frames: the window is padded with frame 0's image. */
function samplePosition(call: ChatCall, window: number): number {
  const images = imagesOf(call)
  let pad = 0
  while (pad < images.length && images[pad] === images[0]) pad++
  return window - pad
}

const ANSWERS: Record<number, string> = {
  0: 'The following actions are required: \n1. Grasp the red cube.\n2. Drop it into the bin.\nTherefore, the estimated progress is <progress>0%</progress>.',
  1: 'I am not sure what I am looking at.',
  2: 'The following actions are required: \n1. Drop it into the bin.\nTherefore, the estimated progress is <progress>55.5%</progress>.',
  3: 'The cube is in the bin.\nTherefore, the estimated progress is <progress>90%</progress>.',
}

/** procvlm: checks each request, answers by sample position; 2 gets a 429 first, 3 a 500 first. */
function procvlmServer(withKey = true): (call: ChatCall, calls: readonly ChatCall[]) => ChatReply {
  const seen = new Map<number, number>()
  return (call) => {
    checkCommon(call, withKey)
    const content = call.body.messages[0]!.content
    const images = imagesOf(call)
    if (images.length !== 8) throw new Error(`${images.length} images, not the window of 8`)
    if (content.slice(0, 8).some((p) => p.type !== 'image_url') || content.length !== 9) throw new Error('images must come first, then one text')
    const text = content[8]!
    if (text.type !== 'text' || text.text !== procvlmPrompt(TASK0)) throw new Error('the prompt is not procedural_c with the task')
    const k = samplePosition(call, 8)
    const n = (seen.get(k) ?? 0) + 1
    seen.set(k, n)
    if (k === 2 && n === 1) return { status: 429, headers: { 'retry-after': '0' }, raw: '{"error":"busy"}' }
    if (k === 3 && n === 1) return { status: 500, raw: '{"error":"oops"}' }
    return { content: ANSWERS[k] ?? 'no such frame' }
  }
}

const procvlmArgs = (url: string, outPath: string, extra: string[] = []) => [
  'predict', DEMO, '--endpoint', `${url}/v1`, '--model', 'test-vlm', '--out', outPath, '--episodes', '0', '--stride', '100',
  '--api-key-env', KEY_VAR, '--backoff', '1', ...extra,
]

describe('proclens predict', () => {
  it('procvlm: one request per sampled frame with its window, retries 429 and 500, writes ProcVLM inference lines the readers load', async () => {
    server = await serveChat(procvlmServer())
    const file = join(dir, 'episode_000000.jsonl')
    expect(await main([...procvlmArgs(server.url, file), '--json'])).toBe(0)
    // 4 sampled frames (0, 100, 200, 300), and one retry each for the 429 and the 500.
    expect(server.calls).toHaveLength(6)
    const windows = new Map(server.calls.map((c) => [samplePosition(c, 8), imagesOf(c)]))
    // Each window is the previous one moved along by one sampled frame.
    for (let k = 1; k < 4; k++) expect(windows.get(k)!.slice(0, -1)).toEqual(windows.get(k - 1)!.slice(1))
    const text = await readFile(file, 'utf8')
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.map((l) => [l.sample_index, l.frame_index, l.progress, l.parsed_progress, l.progress_source])).toEqual([
      [0, 0, 0, 0, 'model'], [1, 100, 0, null, 'previous'], [2, 200, 55.5, 55.5, 'model'], [3, 300, 90, 90, 'model'],
    ])
    expect(lines[1]).toMatchObject({ model_output: ANSWERS[1], window_frame_indices: [0, 0, 0, 0, 0, 0, 0, 100] })
    expect(lines[0]).toMatchObject({
      task: TASK0, model: 'test-vlm', protocol: 'procvlm', prompt: 'procvlm/procedural_c', sampling: { stride: 100 }, window: 8,
      dataset: 'demo', episode: 'episode_000000', camera: 'observation.images.front', reasoning: 'The following actions are required: \n1. Grasp the red cube.\n2. Drop it into the bin.',
    })
    const log = new ProblemLog()
    expect(parseInferenceJsonl(text, log).frames.map((f) => f.progress)).toEqual([0, 0, 55.5, 90])
    expect(parsePredictions(text, log, { scale: 'percent' }).series[0]!.episode).toBe('episode_000000')
    expect(log.problems).toEqual([])
    expect(JSON.parse(out.join(''))).toMatchObject({ protocol: 'procvlm', episodes: 1, requests: 4, lines: 4, problems: [] })
    // The key went only into the header.
    expect(text).not.toContain(KEY)
    expect(err.join('\n') + out.join('\n')).not.toContain(KEY)
    expect(err.join('\n')).toMatch(/retry: HTTP 429/)
  }, 30_000)

  it('procvlm resumes a partial file: complete lines kept, a cut-off tail dropped, only the rest asked, same bytes', async () => {
    server = await serveChat(procvlmServer())
    const full = join(dir, 'full.jsonl')
    expect(await main(procvlmArgs(server.url, full))).toBe(0)
    const complete = await readFile(full, 'utf8')
    const lines = complete.split('\n')
    const partial = join(dir, 'partial.jsonl')
    await writeFile(partial, `${lines[0]}\n${lines[1]}\n${lines[2]!.slice(0, 40)}`)
    server.calls.length = 0
    expect(await main(procvlmArgs(server.url, partial))).toBe(0)
    expect(server.calls.map((c) => samplePosition(c, 8)).sort()).toEqual([2, 3])
    expect(await readFile(partial, 'utf8')).toBe(complete)
    // Done already: nothing asked.
    server.calls.length = 0
    expect(await main(procvlmArgs(server.url, partial))).toBe(0)
    expect(server.calls).toHaveLength(0)
    // Another model cannot continue this file.
    expect(await main([...procvlmArgs(server.url, partial), '--window', '4'])).toBe(2)
    expect(err.join('\n')).toMatch(/written with another window/)
  }, 30_000)

  it('gvl: one shuffled request per episode in OpenGVL\'s wording, answers back in time order, null where none; no key, no header', async () => {
    delete process.env[KEY_VAR]
    const orders = new Map<string, number[]>()
    server = await serveChat((call) => {
      checkCommon(call, false)
      const content = call.body.messages[0]!.content
      const images = imagesOf(call)
      const count = images.length - 1
      // Episode 1's task is the green cube (public/demo/meta/episodes.jsonl).
      const head = content[0]
      const green = head?.type === 'text' && head.text.includes('green')
      const episode = green ? 'episode_000001' : 'episode_000000'
      const texts = gvlTexts(green ? 'put the green cube into the bin' : TASK0, count)
      if (content.length !== texts.length) throw new Error(`${content.length} parts, expected ${texts.length}`)
      texts.forEach((t, i) => {
        const part = content[i]!
        if (t === null ? part.type !== 'image_url' : part.type !== 'text' || part.text !== t) throw new Error(`part ${i} differs`)
      })
      const order = gvlOrder(count, 0, 'demo', episode)
      orders.set(episode, order)
      // The initial scene is the episode's first frame: the same image as the shown frame at time position 0.
      if (images[0] !== images[1 + order.indexOf(0)]) throw new Error('the initial scene is not frame 0')
      const answer = order.map((pos, k) => (episode === 'episode_000001' && k === 1 ? `Frame ${k + 1}: the gripper opens` : `**Frame ${k + 1}:** Task Completion Percentages: ${pos * 30}%`))
      return { content: answer.join('\n') }
    })
    const file = join(dir, 'gvl.jsonl')
    const argv = ['predict', DEMO, '--protocol', 'gvl', '--endpoint', `${server.url}/v1`, '--model', 'test-vlm', '--out', file, '--episodes', '0-1', '--stride', '100', '--api-key-env', KEY_VAR]
    expect(await main(argv)).toBe(0)
    expect(server.calls).toHaveLength(2)
    const text = await readFile(file, 'utf8')
    const log = new ProblemLog()
    const parsed = parsePredictions(text, log, { scale: 'percent' })
    const series = new Map(parsed.series.map((s) => [s.episode, s.frames.map((f) => [f.frameIndex, f.progress])]))
    expect(series.get('episode_000000')).toEqual([[0, 0], [100, 30], [200, 60], [300, 90]])
    const missing = orders.get('episode_000001')![1]! * 100
    expect(series.get('episode_000001')).toEqual([[0, 0], [100, 30], [200, 60], [300, 90]].filter(([f]) => f !== missing))
    expect(log.problems.map((p) => p.kind)).toEqual(['no-prediction'])
    const first = JSON.parse(text.split('\n')[0]!) as Record<string, unknown>
    expect(first).toMatchObject({ model: 'test-vlm', protocol: 'gvl', prompt: 'opengvl/default-zero-shot', sampling: { stride: 100 }, seed: 0 })
    expect(err.join('\n')).toMatch(/gvl-missing-predictions/)
    // Resume: both episodes complete, nothing asked again.
    expect(await main(argv)).toBe(0)
    expect(server.calls).toHaveLength(2)
    // The last episode written cut short (two lines and a half gone): only it is asked again, and replaced.
    const kept = text.split('\n').slice(0, -3)
    await writeFile(file, `${kept.join('\n')}\n${text.split('\n').at(-3)!.slice(0, 30)}`)
    expect(await main(argv)).toBe(0)
    expect(server.calls).toHaveLength(3)
    expect(await readFile(file, 'utf8')).toBe(text)
  }, 30_000)

  it('a request the server refuses (400) fails at once, without retries, and says how to resume', async () => {
    server = await serveChat(() => ({ status: 400, raw: `{"error":"bad model, your key ${KEY} is fine"}` }))
    expect(await main(procvlmArgs(server.url, join(dir, 'x.jsonl'), ['--concurrency', '1']))).toBe(1)
    expect(server.calls).toHaveLength(1)
    expect(err.join('\n')).toMatch(/HTTP 400.*Run the same command again to resume/)
    expect(err.join('\n')).not.toContain(KEY)
  }, 30_000)

  it.each<[string, string[], RegExp]>([
    ['no endpoint', ['predict', DEMO, '--model', 'm', '--out', 'x'], /--endpoint is required/],
    ['a key in the URL', ['predict', DEMO, '--endpoint', 'http://u:p@localhost/v1', '--model', 'm', '--out', 'x'], /must not carry credentials/],
    ['both samplings', ['predict', DEMO, '--endpoint', 'http://localhost/v1', '--model', 'm', '--out', 'x', '--stride', '2', '--max-frames', '4'], /not both/],
    ['a bad protocol', ['predict', DEMO, '--endpoint', 'http://localhost/v1', '--model', 'm', '--out', 'x', '--protocol', 'foo'], /procvlm or gvl/],
    ['a zero stride', ['predict', DEMO, '--endpoint', 'http://localhost/v1', '--model', 'm', '--out', 'x', '--stride', '0'], /--stride must be/],
  ])('usage error: %s', async (_name, argv, message) => {
    expect(await main(argv)).toBe(2)
    expect(err.join('\n')).toMatch(message)
  })
})
