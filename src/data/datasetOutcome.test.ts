import { describe, expect, it } from 'vitest'
import { outcomeFromFields, outcomeFromFrames, successOf } from './datasetOutcome'

describe('the outcome a dataset records', () => {
  it.each([
    [true, true], [false, false], [1, true], [0, false], [2, undefined], [1n, true], [0n, false],
    ['SUCCESS', true], ['FAILURE', false], [' Failed ', false], ['succeeded', true], ['UNKNOWN', undefined],
    ['', undefined], [null, undefined], [undefined, undefined], [{}, undefined],
  ])('%o says %s', (value, success) => {
    expect(successOf(value)).toBe(success)
  })

  it.each([
    [{ taskState: 'SUCCESS' }, 'information.json', { success: true, source: 'information.json taskState "SUCCESS"' }],
    [{ taskState: 'FAILURE', subtaskState: 'SUCCESS' }, 'information.json', { success: false, source: 'information.json taskState "FAILURE"' }],
    [{ success: false, taskState: 'SUCCESS' }, 'meta/episodes.jsonl:4', { success: false, source: 'meta/episodes.jsonl:4 success false' }],
    [{ is_success: 1 }, 'episodes', { success: true, source: 'episodes is_success 1' }],
    [{ outcome: 'unknown', task_success: true }, 'x', { success: true, source: 'x task_success true' }],
    [{ length: 10, tasks: ['pick'] }, 'x', undefined],
  ])('%o in %s', (fields, where, outcome) => {
    expect(outcomeFromFields(fields, where)).toEqual(outcome)
  })

  it.each([
    [[false, false, true, true], true],
    [[false, false], false],
    [[0, 0, 1], true],
    [[null, undefined], undefined],
    [[], undefined],
  ])('next.success %o', (values, success) => {
    expect(outcomeFromFrames(values, 'data.parquet')?.success).toBe(success)
  })
})
