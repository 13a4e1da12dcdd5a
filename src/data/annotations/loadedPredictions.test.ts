import { describe, expect, it } from 'vitest'
import { loadedCurves, namesEpisode } from './loadedPredictions'

const ep3 = { index: 3, name: 'episode_000003' }
const inference = (o: Record<string, unknown>) => JSON.stringify({ sample_index: 0, progress_source: 'model', ...o })

describe('loaded prediction files', () => {
  it.each<[string, string, string, number[]]>([
    ['generic CSV with an episode column', 'preds.csv', 'episode,frame_index,progress\nepisode_000003,0,0.1\nepisode_000004,0,0.5\nepisode_000003,10,0.4\n', [0, 10]],
    ['generic JSONL, episode by index', 'p.jsonl', '{"episode": 3, "frame_index": 5, "progress": 50}\n{"episode": 2, "frame_index": 5, "progress": 10}\n', [5]],
    ['generic JSONL, episode from the file name', 'model_episode_000003.jsonl', '{"frame_index": 1, "progress": 20}\n{"frame_index": 7, "progress": 60}\n', [1, 7]],
    ['inference JSONL, several episodes by field', 'run.jsonl', [inference({ episode: 'episode_000003', frame_index: 2, progress: 5 }), inference({ episode: 'episode_000009', frame_index: 2, progress: 9 }), inference({ episode: 'episode_000003', frame_index: 4, progress: 7 })].join('\n'), [2, 4]],
    ['inference JSONL, episode from video_path', 'run.jsonl', inference({ video_path: '/d/videos/chunk-000/cam/episode_000003.mp4', frame_index: 8, progress: 30 }), [8]],
  ])('%s', (_name, fileName, text, frames) => {
    const { curves } = loadedCurves([{ name: fileName, model: 'qwen', instruction: 'put the cup away', text }], ep3)
    expect(curves).toHaveLength(1)
    expect(curves[0]).toMatchObject({ name: 'qwen · put the cup away', model: 'qwen', tag: 'put the cup away', task: 'put the cup away', path: fileName })
    expect(curves[0]!.frames.map((f) => f.frameIndex)).toEqual(frames)
  })

  it('a line that did not parse keeps its raw output (drawn as a gap); generic values on 0..1 come out on 0..100', () => {
    const text = [inference({ episode: 3, frame_index: 0, progress: 10 }), inference({ episode: 3, frame_index: 5, progress: 10, parsed_progress: null, progress_source: 'previous', model_output: 'no idea' })].join('\n')
    const { curves } = loadedCurves([{ name: 'r.jsonl', model: 'm', text }], ep3)
    expect(curves[0]!.frames[1]).toMatchObject({ source: 'previous', failedOutput: 'no idea' })
    expect(curves[0]!.name).toBe('m')
    const generic = loadedCurves([{ name: 'g.csv', model: 'm', text: 'episode,frame_index,progress\n3,0,0.25\n3,1,0.5\n' }], ep3)
    expect(generic.curves[0]!.frames.map((f) => f.progress)).toEqual([25, 50])
  })

  it('parts that name no episode are not drawn, and the file says so', () => {
    const { curves, problems } = loadedCurves([{ name: 'anon.jsonl', model: 'm', text: inference({ frame_index: 1, progress: 3 }) }], ep3)
    expect(curves).toEqual([])
    expect(problems.map((p) => p.kind)).toContain('prediction-episode-unknown')
  })

  it('a file of another format gives one problem naming it, not one per line', () => {
    const text = Array.from({ length: 1438 }, (_, i) => JSON.stringify({ id: `franka/${i >> 4}`, task_goal: 'stack', visual_demo: ['a.jpg'], progress_score: '8%' })).join('\n')
    const { curves, problems } = loadedCurves([{ name: 'results.jsonl', model: 'm', text }], ep3)
    expect(curves).toEqual([])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ kind: 'unrecognised-format', file: 'results.jsonl' })
    expect(problems[0]?.message).toContain('a JSON object per line with keys id, task_goal, visual_demo, progress_score (1438 lines)')
  })

  it.each<[string, boolean]>([['episode_000003', true], ['3', true], ['dataset/episode_000003', true], ['episode_000030', false], ['4', false]])('%s names episode 3: %s', (part, yes) => {
    expect(namesEpisode(part, ep3)).toBe(yes)
  })
})
