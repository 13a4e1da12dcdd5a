import { describe, expect, it } from 'vitest'
import type { Segment } from './annotation'
import type { Edit } from './edits'
import { editCoalesceKey, editLabel } from './edits'

const segments: Segment[] = [
  { id: 'o0', start: 0, end: 10, kind: 'outside', label: '', notes: '', state: 'completed' },
  { id: 's1', start: 10, end: 40, kind: 'step', label: 'Grasp the cup.', notes: '', state: 'completed' },
  { id: 's2', start: 40, end: 60, kind: 'step', label: '', notes: '', state: 'completed' },
  { id: 't', start: 60, end: 70, kind: 'tail', label: '', notes: '', state: 'completed' },
]

describe('editLabel', () => {
  it.each<[Edit, string]>([
    [{ type: 'moveBoundary', boundary: 2, frame: 120 }, 'Move boundary 3 to frame 120'],
    [{ type: 'split', segmentId: 's1', at: 20 }, 'Split "Grasp the cup." at frame 20'],
    [{ type: 'merge', segmentId: 's2', with: 'previous' }, 'Merge unnamed step 3 with the previous segment'],
    [{ type: 'insert', start: 12, end: 20, label: 'Reach.' }, 'Insert step "Reach." at frames 12–19'],
    [{ type: 'delete', segmentId: 't' }, 'Delete the tail'],
    [{ type: 'rename', segmentId: 's1', label: 'Grasp the mug.' }, 'Rename "Grasp the cup." to "Grasp the mug."'],
    [{ type: 'setNotes', segmentId: 'o0', notes: 'x' }, 'Edit the notes of the outside range at frames 0–9'],
    [{ type: 'setState', segmentId: 's1', state: 'incomplete' }, 'Mark "Grasp the cup." incomplete'],
    [{ type: 'setKind', segmentId: 'o0', kind: 'step' }, 'Make the outside range at frames 0–9 a step'],
    [{ type: 'setOutcome', outcome: { kind: 'not-done', cutoff: 0.75 } }, 'Set the outcome to not done (cutoff 0.75)'],
    [{ type: 'setOutcome', outcome: { kind: 'failed' } }, 'Set the outcome to failed'],
    [{ type: 'setCutoff', cutoff: 0.8 }, 'Set the cutoff to 0.80'],
    [{ type: 'setBudget', segmentId: 's1', share: 0.3 }, 'Set the budget of "Grasp the cup." to 30.0%'],
    [{ type: 'lockBudget', segmentId: 's1' }, 'Lock the budget of "Grasp the cup."'],
    [{ type: 'unlockBudget', segmentId: 's1' }, 'Unlock the budget of "Grasp the cup."'],
    [{ type: 'resetBudget', segmentId: 'zz' }, 'Reset the budget of segment zz'],
    [{ type: 'resetToProposal' }, 'Reset to the proposal'],
  ])('%j -> %s', (edit, label) => {
    expect(editLabel(edit, { segments })).toBe(label)
  })

  it('names segments by id without a document', () => {
    expect(editLabel({ type: 'delete', segmentId: 's1' })).toBe('Delete segment s1')
  })
})

describe('editCoalesceKey', () => {
  it.each<[Edit, string | undefined]>([
    [{ type: 'moveBoundary', boundary: 2, frame: 120 }, 'moveBoundary:2'],
    [{ type: 'setBudget', segmentId: 's1', share: 0.3 }, 'setBudget:s1'],
    [{ type: 'setCutoff', cutoff: 0.8 }, 'setCutoff'],
    [{ type: 'rename', segmentId: 's1', label: 'x' }, 'rename:s1'],
    [{ type: 'split', segmentId: 's1', at: 20 }, undefined],
    [{ type: 'lockBudget', segmentId: 's1' }, undefined],
  ])('%j -> %s', (edit, key) => {
    expect(editCoalesceKey(edit)).toBe(key)
  })
})
