import { describe, expect, it } from 'vitest'
import { mergeRecordFiles } from './recordFiles'
import type { RecordFile } from './recordFiles'

const file = (fileName: string, name = fileName): RecordFile => ({ fileName, annotator: { name, docs: [] }, problems: [] })

describe('mergeRecordFiles', () => {
  it.each([
    ['appends new files in order', [file('a')], [file('b'), file('c')], ['a:a', 'b:b', 'c:c']],
    ['replaces a file of the same name in place', [file('a'), file('b')], [file('a', 'Ann')], ['a:Ann', 'b:b']],
    ['does both at once', [file('a')], [file('b'), file('a', 'Ann')], ['a:Ann', 'b:b']],
  ])('%s', (_, current, added, expected) => {
    expect(mergeRecordFiles(current, added).map((f) => `${f.fileName}:${f.annotator.name}`)).toEqual(expected)
  })
})
