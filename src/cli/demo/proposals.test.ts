// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { flattenProposal } from '@/core/formats/flatten'
import { pickAndPlacePlan } from './plan'
import type { Mistake } from './proposals'
import { sampledFrameIndices, vlmProposal, vlmSampleFrames } from './proposals'
import type { Timeline } from './timeline'

describe('sampledFrameIndices (get_sample_image_indices_sampled)', () => {
  it.each([
    { n: 340, plan: 2, count: 23, step: 15 },
    { n: 200, plan: 2, count: 17, step: 12 },
    { n: 858, plan: 6, count: 58, step: 15 },
    { n: 5065, plan: 16, count: 127, step: 40 },
  ])('$n frames, $plan steps: $count samples every $step', ({ n, plan, count, step }) => {
    const s = vlmSampleFrames(n, 30, plan)
    expect(s).toHaveLength(count)
    expect(s[1]! - s[0]!).toBe(step)
    expect(s[0]).toBe(0)
  })

  it('starts at the task start', () => {
    expect(sampledFrameIndices(100, 160, { step: 15, minFrames: 16 })).toEqual(Array.from({ length: 20 }, (_, i) => 100 + 3 * i))
  })
})

const plan = pickAndPlacePlan(['red cube'])
function timeline(extra: Partial<Timeline> = {}): Timeline {
  return { frameCount: 300, steps: [{ begin: 10, complete: 100 }, { begin: 100, complete: 200 }], events: new Map([['slip', 140], ['begin0', 10], ['stop', 170]]), notes: [], ...extra }
}
const propose = (mistakes: Mistake[], t = timeline()) => vlmProposal({ taskIndex: 0, task: 'put the red cube into the bin', fps: 30, plan, timeline: t, mistakes })
const frames = (mistakes: Mistake[], t?: Timeline) => propose(mistakes, t).results.subtasks.map((s) => [s.name, s.start_frame, s.complete_frame])

describe('vlmProposal', () => {
  it('quantises to sampled frames: starts at or before, completes at or after the truth', () => {
    expect(frames([])).toEqual([['Grasp the red cube.', 0, 105], ['Place the red cube into the bin.', 90, 210]])
    expect(propose([]).results.overall_notes).toBe('The red cube was placed into the bin successfully.')
    expect(propose([]).results.subtasks[0]!.notes).toBe('gripper moving towards the red cube at frame 0, closed on the red cube at frame 7')
  })

  it.each<{ name: string; mistakes: Mistake[]; expected: unknown[] }>([
    { name: 'late boundary', mistakes: [{ kind: 'shift', step: 0, samples: 3 }], expected: [['Grasp the red cube.', 0, 150], ['Place the red cube into the bin.', 90, 210]] },
    { name: 'early boundary at an event', mistakes: [{ kind: 'completeAtEvent', step: 0, event: 'begin0' }], expected: [['Grasp the red cube.', 0, 15], ['Place the red cube into the bin.', 90, 210]] },
    { name: 'missed subtask', mistakes: [{ kind: 'missed', step: 0 }], expected: [['Grasp the red cube.', null, null], ['Place the red cube into the bin.', 90, 210]] },
    {
      name: 'duplicated names',
      mistakes: [{ kind: 'duplicate', entries: [{ step: 1, start: 'begin0', complete: 'slip' }] }],
      expected: [['Place the red cube into the bin.', 0, 150], ['Grasp the red cube.', 0, 105], ['Place the red cube into the bin.', 90, 210]],
    },
  ])('$name', ({ mistakes, expected }) => {
    expect(frames(mistakes)).toEqual(expected)
  })

  it('reports a failure as not completed, unless the mistake claims it done', () => {
    const failed = timeline({ steps: [{ begin: 10, complete: 100 }, { begin: 100 }], abandon: 170 })
    const honest = propose([], failed)
    expect(honest.results.subtasks[1]!.complete_frame).toBeNull()
    expect(honest.results.overall_notes).toContain('task not completed')
    // ProcVLM's flattener drops the unfinished step and gives the tail the last completed name (§2.4).
    expect(flattenProposal([honest], 300).at(-1)!.sub_task).toBe('Grasp the red cube.')
    const wrong = propose([{ kind: 'reportedDone', step: 1, event: 'stop' }], failed)
    expect(wrong.results.subtasks[1]!.complete_frame).toBe(180)
    expect(flattenProposal([wrong], 300).at(-1)!.sub_task).toBe('done')
  })
})
