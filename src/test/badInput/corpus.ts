// The bad-input corpus, as code: small malformed files, one flaw each, beside good lines so a test can check that
// the rest still loads. The file name's prefix says which reader it goes to (readers.ts). The files are also
// committed under files/ (to open by hand, or feed the CLI); badInput.test.ts checks they match this table and
// rewrites them when run with PROCLENS_WRITE_CORPUS=1.
import { readFileSync } from 'node:fs'
import { concat } from '../fuzz/mutate'

const j = (o: unknown): string => JSON.stringify(o)
const lines = (...ls: string[]): string => ls.join('\n') + '\n'
const P = (f: number, p: number, e = 'ep_a'): string => j({ episode: e, frame_index: f, progress: p })
const I = (f: number, p: number): string => j({ sample_index: f, frame_index: f, progress: p, progress_source: 'model', model_output: `<progress>${p}%</progress>` })
const F = (f: number, sub = 'Grasp the cube.'): string => j({ frame_id: f, task: 'put the cube away', sub_task: sub })
const flat = (n: number, from = 0): string[] => Array.from({ length: n }, (_, i) => F(from + i, i < n / 2 ? 'Grasp the cube.' : 'Place the cube.'))
const sub = (id: number, s: number, e: number, name: string): Record<string, unknown> => ({ id, notes: '', start_frame: s, complete_frame: e, name })
const R = (start: number | string, end: number, subtasks: unknown[], extra: Record<string, unknown> = {}): string => j({ task_id: 0, task_start: start, task_end: end, results: { task: 'put the cube away', subtasks, overall_notes: '' }, ...extra })
const good = R(0, 100, [sub(1, 0, 40, 'Grasp the cube.'), sub(2, 50, 90, 'Place the cube.')])
const record = JSON.parse(readFileSync(new URL('../../../public/demo/annotation/truth/episode_000002.json', import.meta.url), 'utf8')) as { doc: Record<string, unknown> }
const rec = (patch: Record<string, unknown>): string => j({ ...record, doc: { ...record.doc, ...patch } })
const G = (targets: unknown[], answer: string, ep: Record<string, unknown> = {}): string => j({ eval_episode: { episode_index: 1, instruction: 'stack', ground_truth_completion: targets, original_frames_indices: targets.map((_, i) => i * 10), shuffled_frames_indices: targets.map((_, i) => i), ...ep }, model_response: answer })
/** Bytes of a Latin-1 string: é and ÿ become single bytes that are not UTF-8. */
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0))
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

/** File name → content. */
export const CORPUS: Record<string, string | Uint8Array> = {
  // generic predictions (parsePredictions)
  'pred-truncated.jsonl': lines(P(0, 0), P(1, 10), P(2, 20)).slice(0, -12),
  'pred-not-json-line.jsonl': lines(P(0, 0), 'not json at all', P(2, 20)),
  'pred-nan.jsonl': lines(P(0, 0), '{"episode":"ep_a","frame_index":1,"progress":NaN}', P(2, 20)),
  'pred-infinity.jsonl': lines(P(0, 0), '{"episode":"ep_a","frame_index":1,"progress":Infinity}', P(2, 20)),
  'pred-progress-string.jsonl': lines(P(0, 0), j({ episode: 'ep_a', frame_index: 1, progress: '10%' }), P(2, 20)),
  'pred-frame-negative.jsonl': lines(P(0, 0), P(-1, 10), P(2, 20)),
  'pred-frame-fraction.jsonl': lines(P(0, 0), P(1.5, 10), P(2, 20)),
  'pred-frame-string.jsonl': lines(P(0, 0), j({ episode: 'ep_a', frame_index: '1', progress: 10 }), P(2, 20)),
  'pred-episode-object.jsonl': lines(P(0, 0), j({ episode: { a: 1 }, frame_index: 1, progress: 10 }), P(2, 20)),
  'pred-array-line.jsonl': lines(P(0, 0), '[1, 10]', P(2, 20)),
  'pred-duplicate-frame.jsonl': lines(P(0, 0), P(1, 10), P(1, 15), P(2, 20)),
  'pred-missing-episode.jsonl': lines(P(0, 0), j({ frame_index: 1, progress: 10 }), P(2, 20)),
  'pred-non-utf8.jsonl': concat(utf8(lines(P(0, 0))), latin1('{"episode":"\xe9p\xff","frame_index":1,"progress":10}\n'), utf8(lines(P(2, 20)))),
  'pred-bom-crlf.jsonl': '\uFEFF' + [P(0, 0), 'oops', P(2, 20)].join('\r\n'),
  'pred-other-format.jsonl': lines(...Array.from({ length: 8 }, (_, i) => j({ id: `franka/${i}`, task_goal: 'place', stage_to_estimate: ['a.jpg'], progress_score: `${i * 10}%` }))),
  'pred-bad-header.csv': 'frame,value\n0,1\n1,2\n',
  'pred-bad-row.csv': 'episode,frame_index,progress\nep_a,0,0\nep_a,x,10\nep_a,2,20\n',
  'pred-bad-progress.csv': 'episode,frame_index,progress\nep_a,0,0\nep_a,1,abc\nep_a,2,20\n',
  'pred-binary.csv': Uint8Array.from([0, 1, 2, 0xff, 0xfe, 0, 0x50, 0x4b, 3, 4]),
  'pred-empty.jsonl': '',
  // ProcVLM inference output (parseInferenceJsonl)
  'inf-truncated.jsonl': lines(I(0, 0), I(1, 10), I(2, 20)).slice(0, -20),
  'inf-not-json-line.jsonl': lines(I(0, 0), '{"sample_index": 1,', I(2, 20)),
  'inf-nan.jsonl': lines(I(0, 0), I(1, 10).replace('"progress":10', '"progress":NaN'), I(2, 20)),
  'inf-no-frame.jsonl': lines(I(0, 0), j({ sample_index: 1, progress: 10, model_output: 'x' }), I(2, 20)),
  'inf-frame-string.jsonl': lines(I(0, 0), I(1, 10).replace('"frame_index":1', '"frame_index":"1"'), I(2, 20)),
  'inf-not-object.jsonl': lines(I(0, 0), '"just a string"', I(2, 20)),
  'inf-other-format.jsonl': lines(...Array.from({ length: 6 }, (_, i) => j({ id: i, caption: 'a robot', score: 0.5 }))),
  'inf-progress-huge.jsonl': lines(I(0, 0), I(1, 1e308), I(2, 20)),
  // raw VLM proposals (importVlmProposal)
  'prop-truncated.sub_task.jsonl': lines(good, R(100, 200, [sub(1, 100, 150, 'Grasp the cube.')])).slice(0, -30),
  'prop-not-json.sub_task.jsonl': lines(good, '{"task_start": 100, "task_end"'),
  'prop-nan.sub_task.jsonl': lines(R(0, 100, [sub(1, 0, 40, 'Grasp the cube.'), { ...sub(2, 50, 90, 'Place the cube.'), complete_frame: '__NAN__' }]).replace('"__NAN__"', 'NaN')),
  'prop-task-start-string.sub_task.jsonl': lines(good, R('100', 200, [sub(1, 100, 150, 'Grasp.')])),
  'prop-end-before-start.sub_task.jsonl': lines(good, R(200, 150, [sub(1, 160, 170, 'Grasp.')])),
  'prop-overlapping.sub_task.jsonl': lines(good, R(80, 180, [sub(1, 90, 150, 'Grasp the cube.')])),
  'prop-duplicate-start.sub_task.jsonl': lines(good, R(0, 120, [sub(1, 0, 40, 'Grasp the cube.')])),
  'prop-subtask-out-of-range.sub_task.jsonl': lines(R(0, 100, [sub(1, 0, 40, 'Grasp the cube.'), sub(2, 50, 400, 'Place the cube.')])),
  'prop-name-number.sub_task.jsonl': lines(R(0, 100, [sub(1, 0, 40, 'Grasp the cube.'), { ...sub(2, 50, 90, 'x'), name: 42 }])),
  'prop-no-subtasks.sub_task.jsonl': lines(good, j({ task_id: 1, task_start: 100, task_end: 200, results: { task: 'x' } })),
  'prop-subtask-not-object.sub_task.jsonl': lines(R(0, 100, [sub(1, 0, 40, 'Grasp the cube.'), 'Place the cube.'])),
  'prop-missing-task.sub_task.jsonl': lines(j({ task_id: 0, task_start: 0, task_end: 100, results: { subtasks: [sub(1, 0, 40, 'Grasp the cube.')] } })),
  'prop-gapped.sub_task.jsonl': lines(R(0, 100, [sub(1, 0, 10, 'Grasp the cube.'), sub(2, 80, 90, 'Place the cube.')]), R(300, 400, [sub(1, 300, 350, 'Grasp the cube.')])),
  'prop-non-utf8.sub_task.jsonl': concat(utf8(good + '\n'), latin1(R(100, 200, [sub(1, 100, 150, 'Gr\xe4sp \xff')]) + '\n')),
  'prop-deep.sub_task.jsonl': lines(good, '['.repeat(5000) + ']'.repeat(5000)),
  // flattened ProcCorpus files (importProcCorpus)
  'flat-truncated.sub_task.jsonl': lines(...flat(20)).slice(0, -25),
  'flat-not-json.sub_task.jsonl': lines(...flat(10), 'garbage', ...flat(10, 10).slice(0)),
  'flat-frame-negative.sub_task.jsonl': lines(...flat(20), F(-5)),
  'flat-frame-string.sub_task.jsonl': lines(...flat(10), j({ frame_id: '10', task: 'put the cube away', sub_task: 'Place the cube.' }), ...flat(9, 11)),
  'flat-frame-huge.sub_task.jsonl': lines(...flat(20), F(1e15)),
  'flat-duplicate-frames.sub_task.jsonl': lines(...flat(20), ...flat(5)),
  'flat-gap.sub_task.jsonl': lines(...flat(5), ...flat(5, 15)),
  'flat-sub-task-number.sub_task.jsonl': lines(...flat(10), j({ frame_id: 10, task: 'put the cube away', sub_task: 7 }), ...flat(9, 11)),
  'flat-not-object.sub_task.jsonl': lines(...flat(10), '[10, "put the cube away"]', ...flat(9, 11)),
  'flat-two-tasks.sub_task.jsonl': lines(...flat(10), ...Array.from({ length: 10 }, (_, i) => j({ frame_id: 10 + i, task: 'another task', sub_task: 'Grasp.' }))),
  // ProcLens records (parseRecords)
  'rec-truncated.records.jsonl': lines(j(record), j(record)).slice(0, -100),
  'rec-not-a-record.records.jsonl': lines(j(record), j({ hello: 'world' })),
  'rec-schema-too-new.records.jsonl': lines(j(record), j({ ...record, schemaVersion: 99 })),
  'rec-segment-beyond-end.records.jsonl': lines(j(record), rec({ frameCount: 10 })),
  'rec-fps-string.records.jsonl': lines(j(record), rec({ fps: 'thirty' })),
  'rec-segments-not-list.records.jsonl': lines(j(record), rec({ segments: { a: 1 } })),
  'rec-infinity.records.jsonl': lines(j(record), rec({ fps: '__INF__' }).replace('"__INF__"', 'Infinity')),
  // GVL query records (parseGvlRecords)
  'gvl-no-targets.jsonl': lines(G([0, 50, 100], 'Frame 1: 0%, Frame 2: 50%, Frame 3: 100%'), j({ eval_episode: { episode_index: 2 }, model_response: 'Frame 1: 5%' })),
  'gvl-targets-strings.jsonl': lines(G([0, 50, 100], 'Frame 1: 0%'), G(['0', '50'], 'Frame 1: 0%')),
  'gvl-frame-out-of-range.jsonl': lines(G([0, 50, 100], 'Frame 1: 0%, Frame 2: 50%, Frame 3: 100%, Frame 9: 20%')),
  'gvl-truncated.jsonl': lines(G([0, 50, 100], 'Frame 1: 0%, Frame 2: 50%, Frame 3: 100%'), G([0, 50], 'Frame 1: 0%')).slice(0, -15),
}
