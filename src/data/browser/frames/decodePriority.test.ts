import { describe, expect, it } from 'vitest'
import { createDecodePriority } from './decodePriority'

describe('decode priority', () => {
  it('is busy while any hold is kept; listeners hear each change once; a release twice counts once', () => {
    const p = createDecodePriority()
    const heard: boolean[] = []
    const stop = p.subscribe((b) => heard.push(b))
    const a = p.hold()
    const b = p.hold()
    a()
    a()
    expect(p.busy).toBe(true)
    b()
    expect(p.busy).toBe(false)
    expect(heard).toEqual([true, false])
    stop()
    p.hold()
    expect(heard).toEqual([true, false])
  })
})
