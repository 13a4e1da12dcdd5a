/**
 * The importer each corpus file goes to (by its name's prefix), and how much of it still loaded: the unit is
 * what that importer yields (frames, segments, records).
 */
import { importProcCorpus } from '@/core/formats/flatToDoc'
import { parseGvlRecords } from '@/core/formats/gvlRecords'
import { parseInferenceJsonl } from '@/core/formats/inference'
import { parsePredictions } from '@/core/formats/predictions'
import { importVlmProposal } from '@/core/formats/proposalToDoc'
import { parseRecords } from '@/core/formats/records'
import { ProblemLog } from '@/core/problems'
import type { Problem } from '@/core/problems'

export interface ReadResult {
  problems: Problem[]
  /** Frames (predictions, inference), segments (proposal, flat, records) or records (GVL) that loaded. */
  loaded: number
}

type Reader = (text: string, file: string) => ReadResult

const withLog = (file: string, read: (log: ProblemLog) => number): ReadResult => {
  const log = new ProblemLog({ file })
  const loaded = read(log)
  return { problems: log.problems, loaded }
}

export const READERS: Record<string, Reader> = {
  pred: (text, file) => withLog(file, (log) => parsePredictions(text, log).series.reduce((n, s) => n + s.frames.length, 0)),
  inf: (text, file) => withLog(file, (log) => parseInferenceJsonl(text, log).frames.length),
  prop: (text, file) => {
    const r = importVlmProposal(text, { file, frameCount: 400, fps: 30 })
    return { problems: r.problems, loaded: r.doc?.segments.length ?? 0 }
  },
  flat: (text, file) => {
    const r = importProcCorpus(text, { file, frameCount: 20, fps: 30 })
    return { problems: r.problems, loaded: r.doc?.segments.length ?? 0 }
  },
  rec: (text, file) => withLog(file, (log) => parseRecords(text, log).length),
  gvl: (text, file) => withLog(file, (log) => parseGvlRecords(text, log).length),
}

/** Reads bytes as the CLI and the app do: UTF-8, invalid bytes as U+FFFD. */
export function readCorpusFile(name: string, bytes: Uint8Array): ReadResult {
  const reader = READERS[name.slice(0, name.indexOf('-'))]
  if (reader === undefined) throw new Error(`${name}: no reader for this prefix`)
  return reader(new TextDecoder().decode(bytes), name)
}
