import { describe, expect, it } from 'vitest'
import { failure, GRASP, PLACE, sub, success } from '@/test/testLines'
import { parseVlmProposal, writeVlmProposal } from './vlmProposal'

const j = (v: unknown) => JSON.stringify(v)
const good = success([0, 12], [sub(1, GRASP, [0, 4], 'closed'), sub(2, PLACE, [4, 9])], { notes: 'ok' })

describe('parseVlmProposal', () => {
  it.each([
    ['a success line', j(good), 1, []],
    ['a failure line', j(failure([0, 12])), 1, []],
    ['a failure line whose generated_text is the partly parsed JSON', j({ task_id: 0, task_start: 0, task_end: 12, generated_text: { task: 'x' } }), 1, ['bad-field']],
    ['not JSON', '{"task_id": 0, "task_start": 0,', 0, ['malformed-json']],
    ['NaN frame read as null', '{"task_id":0,"task_start":0,"task_end":12,"results":{"task":"t","subtasks":[{"id":1,"name":"a","start_frame":0,"complete_frame":NaN}]}}', 1, ['non-finite-number']],
    ['Infinity task_end', '{"task_id":0,"task_start":0,"task_end":Infinity,"results":{"task":"t","subtasks":[]}}', 0, ['non-finite-number', 'malformed-line']],
    ['not an object', '[1, 2]', 0, ['malformed-line']],
    ['no task_start', j({ task_id: 0, task_end: 12, results: { task: 't', subtasks: [] } }), 0, ['malformed-line']],
    ['task_end before task_start', j({ task_id: 0, task_start: 12, task_end: 12, results: { task: 't', subtasks: [] } }), 0, ['malformed-line']],
    ['neither results nor generated_text', j({ task_id: 0, task_start: 0, task_end: 12 }), 0, ['malformed-line']],
    ['results without a subtasks list', j({ task_id: 0, task_start: 0, task_end: 12, results: { task: 't' } }), 0, ['malformed-line']],
    ['no task_id', j({ task_start: 0, task_end: 12, results: { task: 't', subtasks: [] } }), 1, ['bad-field']],
    ['no results.task', j({ task_id: 0, task_start: 0, task_end: 12, results: { subtasks: [] } }), 1, ['missing-task']],
    ['overall_notes null', j({ task_id: 0, task_start: 0, task_end: 12, results: { task: 't', subtasks: [], overall_notes: null } }), 1, ['bad-field']],
    ['a sub-task without start_frame (the old prompt)', j(success([0, 12], [{ id: 1, name: 'a', complete_frame: 3 } as never])), 1, ['missing-field']],
    ['a sub-task that is a string', j(success([0, 12], ['Grasp' as never])), 1, ['missing-field']],
    ['a sub-task name that is not a string', j(success([0, 12], [{ id: 1, name: null, start_frame: 0, complete_frame: 3 } as never])), 1, ['bad-field']],
    ['a fractional frame', j(success([0, 12], [sub(1, 'a', [0, 3.5])])), 1, ['bad-field']],
    ['a sub-task without id', j(success([0, 12], [{ name: 'a', start_frame: 0, complete_frame: 3 } as never])), 1, ['bad-field']],
    ['unknown fields', j({ ...good, extra: 1 }), 1, ['unknown-field']],
    ['two lines with the same task_start', `${j(good)}\n${j(failure([0, 5]))}`, 2, ['duplicate-task-start']],
  ])('%s', (_name, text, count, kinds) => {
    const r = parseVlmProposal(text, { file: 'a/episode_000001.sub_task.jsonl' })
    expect(r.lines).toHaveLength(count)
    expect(r.problems.map((p) => p.kind)).toEqual(kinds)
    for (const p of r.problems) expect(p.file).toBe('a/episode_000001.sub_task.jsonl')
  })

  it('reads the NaN frame as null and keeps the line numbers of the lines it keeps', () => {
    const text = `\n${j(good)}\nnot json\n${j(failure([20, 30]))}\n`
    const r = parseVlmProposal(text)
    expect(r.lineNumbers).toEqual([2, 4])
    expect(r.problems[0]).toMatchObject({ kind: 'malformed-json', line: 3, severity: 'error' })
  })

  it('keeps a sub-task id it had to invent, numbered by position', () => {
    const r = parseVlmProposal(j(success([0, 12], [sub(1, 'a', [0, 3]), { name: 'b', start_frame: 3, complete_frame: 6 } as never])))
    expect(r.lines[0]).toMatchObject({ results: { subtasks: [{ id: 1 }, { id: 2, name: 'b' }] } })
  })
})

describe('writeVlmProposal', () => {
  it('writes what it reads, with the prompt key order and optional keys only when present', () => {
    const lines = [good, failure([12, 30]), success([30, 40], [sub(7, 'x', [null, null], 'not present')])]
    const text = writeVlmProposal(lines)
    expect(parseVlmProposal(text).lines).toStrictEqual(lines)
    expect(text.split('\n')[0]).toBe(
      '{"task_id":0,"task_start":0,"task_end":12,"results":{"task":"put the cup on the plate","subtasks":[' +
      '{"id":1,"notes":"closed","start_frame":0,"complete_frame":4,"name":"Grasp the cup."},' +
      '{"id":2,"start_frame":4,"complete_frame":9,"name":"Place the cup onto the plate."}],"overall_notes":"ok"}}',
    )
  })
})
