/**
 * The camera ProcVLM annotates and hashes: the exocentric (third-person) one (procvlm-formats.md §1.4). Only
 * its frames feed the pHash similarities of the progress target, so ProcLens computes visual change on the
 * same camera. First match wins:
 *   1. ProcVLM's per-dataset map (`EXO_CAMERA_MAP`);
 *   2. the first key containing `front`, `exo`, `exterior` or `global`;
 *   3. the first key (ProcVLM warns; so does the caller).
 */

/** ProcVLM's `EXO_CAMERA_MAP` entries that the public code and docs name. */
export const EXO_CAMERA_MAP: Readonly<Record<string, string>> = {
  bridge_orig_lerobot: 'observation.images.image_0',
}

const EXO_WORDS = ['front', 'exo', 'exterior', 'global']

/** Which rule picked the camera: `map`, `name` or `first` (the fallback ProcVLM warns about). */
export type ReferenceRule = 'map' | 'name' | 'first'

/** The reference camera among `keys` (in metadata order), or undefined when there is none. */
export function referenceCamera(keys: readonly string[], datasetName?: string): { key: string; rule: ReferenceRule } | undefined {
  const mapped = datasetName === undefined ? undefined : EXO_CAMERA_MAP[datasetName]
  if (mapped !== undefined && keys.includes(mapped)) return { key: mapped, rule: 'map' }
  const named = keys.find((k) => EXO_WORDS.some((w) => k.toLowerCase().includes(w)))
  if (named !== undefined) return { key: named, rule: 'name' }
  const first = keys[0]
  return first === undefined ? undefined : { key: first, rule: 'first' }
}
