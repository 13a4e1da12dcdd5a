import { describe, expect, it } from 'vitest'
import { docOf } from '@/test/docs'
import { instructionObjects, labelSuggestions } from './labelSuggestions'

describe('step name suggestions', () => {
  it.each([
    ['put the red cube into the bin', ['the red cube', 'the bin']],
    ['put all the objects into the bin', ['the objects', 'the bin']],
    ['Open the top drawer, then put the cup in it', ['the top drawer', 'the cup']],
    ['fold the towel', ['the towel']],
    ['', []],
  ])('objects of "%s"', (task, objects) => {
    expect(instructionObjects(task)).toEqual(objects)
  })

  it('the episode\'s names first, then the dataset\'s by frequency, then ProcVLM\'s patterns with the instruction\'s objects', () => {
    const doc = { ...docOf([['Grasp the red cube.', 5], ['tail', 2]]), task: 'put the red cube into the bin' }
    const suggestions = labelSuggestions(doc, new Map([['Open the bin.', 1], ['Place the red cube into the bin.', 7], ['done', 3]]))
    expect(suggestions.slice(0, 4)).toEqual(['Grasp the red cube.', 'Place the red cube into the bin.', 'Open the bin.', 'Place the red cube onto the bin.'])
    expect(suggestions).toContain('Tilt the gripper.')
    expect(suggestions).not.toContain('done')
  })
})
