/**
 * The output files: JSON Lines appended whole lines at a time, so a run stopped at any moment leaves complete
 * lines plus at most one cut-off tail, which the next run drops (`core/predict/resume.ts`) before appending.
 */
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { PartialOutput } from '../../core/predict/resume'
import { readPartialOutput } from '../../core/predict/resume'

export const jsonLines = (records: readonly Record<string, unknown>[]): string => records.map((r) => `${JSON.stringify(r)}\n`).join('')

/** What a previous run left in `path` (nothing when the file does not exist); a cut-off tail is removed from the file. */
export async function openPartial(path: string): Promise<PartialOutput> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kept: '', records: [], dropped: 0 }
    throw e
  }
  const partial = readPartialOutput(text)
  if (partial.dropped > 0) await writeFile(path, partial.kept)
  return partial
}

/** Replace the file's content with these records (used to take out an episode a run must redo). */
export async function rewrite(path: string, records: readonly Record<string, unknown>[]): Promise<void> {
  await writeFile(path, jsonLines(records))
}

export async function append(path: string, records: readonly Record<string, unknown>[]): Promise<void> {
  if (records.length === 0) return
  await mkdir(dirname(path), { recursive: true })
  await appendFile(path, jsonLines(records))
}

const chains = new Map<string, Promise<void>>()

/** {@link append}, one at a time per file: episodes finishing together never interleave their lines. */
export function appendSerial(path: string, records: readonly Record<string, unknown>[]): Promise<void> {
  const next = (chains.get(path) ?? Promise.resolve()).then(() => append(path, records))
  chains.set(path, next.catch(() => undefined))
  return next
}
