/**
 * The records files the agreement view compares, one per annotator, read in the browser through the same
 * reader as `proclens agree` (`readAnnotatorFile`), so both name annotators and report problems alike.
 */
import type { AnnotatorDocs } from '@/core/agreement'
import { readAnnotatorFile } from '@/core/agreement/annotatorFile'
import type { Problem } from '@/core/problems'

export interface RecordFile {
  /** The file's name; unique in the view (a file dropped again replaces the one of the same name). */
  fileName: string
  annotator: AnnotatorDocs
  problems: Problem[]
}

/** Read the chosen or dropped files. A file the browser cannot read becomes a file with one problem and no records. */
export async function readRecordFiles(files: readonly File[]): Promise<RecordFile[]> {
  return Promise.all(files.map(async (file) => {
    try {
      const { annotator, problems } = readAnnotatorFile(await file.text(), file.name)
      return { fileName: file.name, annotator, problems }
    } catch (e) {
      const problem: Problem = { severity: 'error', kind: 'file-not-readable', message: e instanceof Error ? e.message : String(e), file: file.name }
      return { fileName: file.name, annotator: { name: file.name, docs: [] }, problems: [problem] }
    }
  }))
}

/** `current` with `added` in: same-named files replaced in place, new ones appended, in order. */
export function mergeRecordFiles(current: readonly RecordFile[], added: readonly RecordFile[]): RecordFile[] {
  const byName = new Map(added.map((f) => [f.fileName, f]))
  const kept = current.map((f) => byName.get(f.fileName) ?? f)
  const known = new Set(current.map((f) => f.fileName))
  return [...kept, ...added.filter((f) => !known.has(f.fileName))]
}
