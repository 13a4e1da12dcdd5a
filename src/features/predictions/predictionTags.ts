/**
 * What a newly chosen prediction file is tagged with before the user edits it: the model the file names (a
 * `model` field, as `proclens predict` writes), else its name without the extension; the instruction the file
 * names (`instruction`, or ProcVLM's `task`), else none.
 */
import { isObject, parseJsonl } from '@/core/formats/jsonl'
import { ProblemLog } from '@/core/problems'

export function defaultTags(fileName: string, text: string): { model: string; instruction: string } {
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? ''
  const first = firstLine.trim().startsWith('{') ? parseJsonl(firstLine, new ProblemLog())[0]?.value : undefined
  const field = (key: string): string | undefined => (isObject(first) && typeof first[key] === 'string' && first[key] !== '' ? first[key] : undefined)
  const stem = fileName.replace(/\.(jsonl|json|csv)$/i, '')
  return { model: field('model') ?? stem, instruction: field('instruction') ?? field('task') ?? '' }
}
