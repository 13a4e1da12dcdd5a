/**
 * What every line of a prediction run records about the run (model, protocol, prompt, sampling, …), the same
 * whether the CLI or the app ran it: a resumed run is refused when these differ (`resume.ts`), and the app
 * tags a loaded file by them.
 */
import type { Sampling } from './sampling'
import { samplingRecord } from './sampling'

export type Protocol = 'procvlm' | 'gvl'

/** Which prompt a protocol sends: ProcVLM's `procedural_c` template, or OpenGVL's zero-shot prompt. */
export const PROMPT_ID: Record<Protocol, string> = { procvlm: 'procvlm/procedural_c', gvl: 'opengvl/default-zero-shot' }

export interface RunMetaInput {
  model: string
  protocol: Protocol
  sampling: Sampling
  /** procvlm: history frames per request. */
  window: number
  /** gvl: the shuffle's seed. */
  seed: number
  instruction: string
  dataset: string
  episode: string
  camera: string
}

export function runMeta(r: RunMetaInput): Record<string, unknown> {
  return {
    model: r.model,
    protocol: r.protocol,
    prompt: PROMPT_ID[r.protocol],
    sampling: samplingRecord(r.sampling),
    ...(r.protocol === 'procvlm' ? { window: r.window } : { seed: r.seed, instruction: r.instruction }),
    dataset: r.dataset,
    episode: r.episode,
    camera: r.camera,
  }
}
