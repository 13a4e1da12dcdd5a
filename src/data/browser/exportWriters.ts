/**
 * The app's writers for the formats that need more than documents: LeRobot (the dataset's own meta files,
 * read through its store) and ProcVQA (decoded frames and pHash similarities).
 */
import type { QueryClient } from '@tanstack/react-query'
import type { DatasetSource } from '../DatasetSource'
import type { ExportFormat, FormatWriter } from '../exports/runExport'
import type { ProcLensDb } from './db'
import type { DatasetRoot } from './queries'

export interface BrowserWriterContext {
  client: QueryClient
  database: ProcLensDb
  root: DatasetRoot
  source: DatasetSource
  identity: string
  seed: number
  language: boolean
}

/** Formats the app can write for `source`, and why not where it cannot. */
export function formatAvailability(source: DatasetSource): Partial<Record<ExportFormat, string>> {
  const out: Partial<Record<ExportFormat, string>> = { procvqa: 'not yet in the app: use `proclens export --format procvqa`' }
  if (source.format !== 'lerobot-v3.0') out.lerobot = `SARM annotations go into a LeRobot v3.0 dataset; this one is ${source.format}`
  return out
}

export function browserWriters(formats: readonly ExportFormat[], context: BrowserWriterContext): Promise<Partial<Record<ExportFormat, FormatWriter>>> {
  void formats
  void context
  return Promise.resolve({})
}
