/**
 * One annotator's records file, read for comparison: the documents (`parseRecords`) and who made them. The
 * CLI and the app both read files through here, so they name annotators alike.
 */
import type { AnnotatorDocs } from '../agreement'
import { parseRecords } from '../formats/records'
import { isObject, parseJsonl } from '../formats/jsonl'
import { ProblemLog } from '../problems'
import type { Problem } from '../problems'

/** The records' JSON values, whichever layout the file has (one record, or JSON Lines); unreadable lines skipped. */
function rawRecords(text: string): unknown[] {
  try {
    return [JSON.parse(text)]
  } catch {
    // JSON Lines: parseRecords reports the bad lines, so this second reading stays quiet.
    return parseJsonl(text, new ProblemLog()).map((r) => r.value)
  }
}

/** The record's `review.reviewer`, trimmed; undefined when absent or blank. */
function reviewerOf(record: unknown): string | undefined {
  const review = isObject(record) ? record.review : undefined
  const reviewer = isObject(review) ? review.reviewer : undefined
  return typeof reviewer === 'string' && reviewer.trim() !== '' ? reviewer.trim() : undefined
}

/**
 * The annotator's name is the reviewer the file's records name (`review.reviewer` beside `doc` in the record),
 * else `fileName`. Records that name different reviewers get the file name and a warning: one file is one
 * annotator here.
 */
export function readAnnotatorFile(text: string, fileName: string): { annotator: AnnotatorDocs; problems: Problem[] } {
  const log = new ProblemLog({ file: fileName })
  const docs = parseRecords(text, log)
  const reviewers = new Set(rawRecords(text).map(reviewerOf).filter((r) => r !== undefined))
  let name = fileName
  if (reviewers.size === 1) name = [...reviewers][0] as string
  else if (reviewers.size > 1) log.warn('mixed-reviewers', `the records name ${reviewers.size} reviewers (${[...reviewers].join(', ')}); the file's name stands for all of them`)
  return { annotator: { name, docs }, problems: log.problems }
}
