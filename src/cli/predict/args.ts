/** `proclens predict`'s command line: usage text and parsing into a {@link PredictConfig}. */
import { basename, resolve } from 'node:path'
import { parseEpisodeList } from '../../core/episodeList'
import { DEFAULT_MAX_TOKENS } from '../../core/predict/chat'
import type { Sampling } from '../../core/predict/sampling'
import { PROCVLM_MAX_FRAMES, PROCVLM_WINDOW } from '../../core/predict/sampling'
import { parseCommandArgs, UsageError } from '../command'
import type { PredictConfig } from './context'

export const predictUsage = `Usage: proclens predict DATASET --endpoint URL --model NAME --out PATH [options]

Asks a vision-language model behind an OpenAI-compatible chat endpoint (vLLM, SGLang, a hosted API) for each
sampled frame's task progress, and writes predictions ProcLens reads (docs/predict.md).

Protocols (--protocol):
  procvlm   ProcVLM's own: one request per sampled frame with its window of earlier sampled frames, the
            procedural_c prompt, the answer's <progress> tag. Output: ProcVLM inference JSONL, one file per
            episode: PATH/<episode>.jsonl, or PATH itself when it ends in .jsonl (one episode only)
  gvl       GVL / OpenGVL: the episode's sampled frames shuffled in one request, a percentage per frame, put
            back in time order. Output: one JSONL file PATH, {"episode", "frame_index", "progress", ...} a line

Options:
  --endpoint URL       the API base, e.g. http://localhost:8000/v1 (requests go to URL/chat/completions)
  --model NAME         the model name the server serves
  --out PATH           output (see above); an existing output is resumed: its frames are not asked again
  --protocol P         procvlm (default) or gvl
  --episodes LIST      episode indices: 10, 0-9,12 (default: every episode)
  --stride N           ask about every N-th frame (0, N, 2N, ...)
  --max-frames N       ProcVLM's sampling: N frames by rounded linspace (default ${PROCVLM_MAX_FRAMES} when no --stride)
  --window W           procvlm: sampled frames per request, the current one last (default ${PROCVLM_WINDOW})
  --seed N             gvl: shuffle seed (default 0); the order depends on the seed, dataset and episode only
  --instruction TEXT   the task given to the model (default: the episode's task)
  --camera KEY         the camera (default: ProcVLM's exo-camera rule)
  --concurrency N      requests in flight at once (default 4)
  --retries N          retries of a request after 429, 5xx or a network error (default 3)
  --backoff MS         first retry delay, doubled each time, unless the server sends Retry-After (default 1000)
  --timeout S          seconds one request may take (default 600)
  --max-tokens N       the answer's token limit (default ${DEFAULT_MAX_TOKENS}, ProcVLM's)
  --api-key-env VAR    the environment variable holding the API key (default OPENAI_API_KEY); sent only as
                       the Authorization header, never written anywhere. Unset: no Authorization header
  --json               print {"out", "protocol", "model", "episodes", "requests", "lines", "problems"} to stdout

Progress goes to stderr. Exit 0 on success, 1 when a request failed for good or an input had errors (what was
answered is written; run the command again to resume), 2 on a usage error.`

const SPEC = {
  endpoint: { type: 'string' },
  model: { type: 'string' },
  out: { type: 'string' },
  protocol: { type: 'string', default: 'procvlm' },
  episodes: { type: 'string' },
  stride: { type: 'string' },
  'max-frames': { type: 'string' },
  window: { type: 'string' },
  seed: { type: 'string' },
  instruction: { type: 'string' },
  camera: { type: 'string' },
  concurrency: { type: 'string' },
  retries: { type: 'string' },
  backoff: { type: 'string' },
  timeout: { type: 'string' },
  'max-tokens': { type: 'string' },
  'api-key-env': { type: 'string', default: 'OPENAI_API_KEY' },
  json: { type: 'boolean', default: false },
} as const

function whole(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback
  const n = Number(text)
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number of at least ${min}, not '${text}'`)
  return n
}

function required(name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required`)
  return value
}

export interface PredictArgs {
  config: PredictConfig
  episodes: number[] | undefined
  json: boolean
}

export function readPredictArgs(argv: string[], env: Record<string, string | undefined>): PredictArgs {
  const { values: v, positionals } = parseCommandArgs(argv, SPEC)
  if (positionals.length !== 1) throw new UsageError(`expected one DATASET folder, got ${positionals.length}`)
  const endpoint = required('endpoint', v.endpoint)
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    throw new UsageError(`--endpoint '${endpoint}' is not a URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError('--endpoint must be an http or https URL')
  // A key in the URL would end up in logs and shell history: it belongs in the environment.
  if (url.username !== '' || url.password !== '' || /key|token/i.test(url.search)) throw new UsageError('--endpoint must not carry credentials; put the key in the variable --api-key-env names')
  const protocol = v.protocol
  if (protocol !== 'procvlm' && protocol !== 'gvl') throw new UsageError(`--protocol is procvlm or gvl, not '${protocol}'`)
  if (v.stride !== undefined && v['max-frames'] !== undefined) throw new UsageError('give --stride or --max-frames, not both')
  const sampling: Sampling = v.stride !== undefined
    ? { kind: 'stride', stride: whole('stride', v.stride, 1, 1) }
    : { kind: 'max-frames', maxFrames: whole('max-frames', v['max-frames'], PROCVLM_MAX_FRAMES, 1) }
  let episodes: number[] | undefined
  if (v.episodes !== undefined) {
    const parsed = parseEpisodeList(v.episodes)
    if (!parsed.ok) throw new UsageError(`--episodes: ${parsed.reason}`)
    episodes = parsed.episodes
  }
  const keyVar = v['api-key-env']
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(keyVar)) throw new UsageError(`--api-key-env names an environment variable, not '${keyVar}'`)
  const dataset = positionals[0]!
  const config: PredictConfig = {
    dataset,
    datasetName: basename(resolve(dataset)),
    protocol,
    model: required('model', v.model),
    out: required('out', v.out),
    sampling,
    window: whole('window', v.window, PROCVLM_WINDOW, 1),
    concurrency: whole('concurrency', v.concurrency, 4, 1),
    seed: whole('seed', v.seed, 0, 0),
    maxTokens: whole('max-tokens', v['max-tokens'], DEFAULT_MAX_TOKENS, 1),
    instruction: v.instruction,
    camera: v.camera,
    client: {
      endpoint,
      apiKey: env[keyVar],
      retries: whole('retries', v.retries, 3, 0),
      backoffMs: whole('backoff', v.backoff, 1000, 0),
      timeoutMs: whole('timeout', v.timeout, 600, 1) * 1000,
      onRetry: (message) => console.error(`retry: ${message}`),
    },
  }
  return { config, episodes, json: v.json }
}
