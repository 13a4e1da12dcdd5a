import { describe, expect, it } from 'vitest'
import { recordToJson, recordsToJsonl } from '../formats/records'
import { readAnnotatorFile } from './annotatorFile'
import { labelled, recordsText, THREE_STEPS } from '@/test/agreementDocs'

const docs = [labelled({ steps: THREE_STEPS }), labelled({ episode: 'episode_000001', steps: THREE_STEPS })]

describe('readAnnotatorFile', () => {
  it.each([
    ['JSON Lines without a reviewer: the file name', recordsToJsonl(docs), 'alice.records.jsonl', 2],
    ['one pretty record: the file name', recordToJson(docs[0]!), 'episode_000000.record.json', 1],
    ['records naming their reviewer: the reviewer', recordsText(docs, ' Ann Lee '), 'a.jsonl', 2],
  ])('%s', (_, text, file, count) => {
    const { annotator, problems } = readAnnotatorFile(text, file)
    expect(problems).toEqual([])
    expect(annotator.docs).toHaveLength(count)
    expect(annotator.name).toBe(file === 'a.jsonl' ? 'Ann Lee' : file)
  })

  it('falls back to the file name, with a warning, when the records name different reviewers', () => {
    const text = recordsText(docs.slice(0, 1), 'ann') + recordsText(docs.slice(1), 'bob')
    const { annotator, problems } = readAnnotatorFile(text, 'mixed.jsonl')
    expect(annotator.name).toBe('mixed.jsonl')
    expect(problems).toMatchObject([{ severity: 'warning', kind: 'mixed-reviewers', file: 'mixed.jsonl' }])
  })

  it('keeps the readable records of a file with a bad line, and reports the line', () => {
    const lines = recordsText(docs, 'ann').split('\n')
    const text = [lines[0], 'not json', lines[1]].join('\n')
    const { annotator, problems } = readAnnotatorFile(text, 'a.jsonl')
    expect(annotator).toMatchObject({ name: 'ann' })
    expect(annotator.docs.map((d) => d.episode)).toEqual(['episode_000000', 'episode_000001'])
    expect(problems).toMatchObject([{ severity: 'error', kind: 'malformed-json', file: 'a.jsonl', line: 2 }])
  })
})
