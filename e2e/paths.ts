import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The repository's demo dataset. */
export const DEMO_DIR = fileURLToPath(new URL('../public/demo', import.meta.url))

/** Real third-party datasets beside the repository (never copied into it); tests using them skip when absent. */
export const SHARED_DATASETS = fileURLToPath(new URL('../../shared/datasets', import.meta.url))
export const HAVE_SHARED = existsSync(SHARED_DATASETS)
