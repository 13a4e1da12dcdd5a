import { describe, expect, it } from 'vitest'
import { createDecodePriority, whenIdle } from './decodePriority'

describe('decode priority', () => {
  it('is busy while any hold is kept and until the task the last ended in is over; listeners hear each change once; a release twice counts once', async () => {
    const p = createDecodePriority()
    const heard: boolean[] = []
    const stop = p.subscribe((b) => heard.push(b))
    const a = p.hold()
    const b = p.hold()
    a()
    a()
    expect(p.busy).toBe(true)
    b()
    expect(p.busy).toBe(true)
    await Promise.resolve()
    expect(p.busy).toBe(true)
    await new Promise((r) => setTimeout(r, 0))
    expect(p.busy).toBe(false)
    expect(heard).toEqual([true, false])
    // A new wait in the same task: never idle in between.
    const c = p.hold()
    c()
    p.hold()
    await new Promise((r) => setTimeout(r, 0))
    expect(p.busy).toBe(true)
    expect(heard).toEqual([true, false, true])
    stop()
    p.hold()
    expect(heard).toEqual([true, false, true])
  })

  it('whenIdle resolves at once when nobody waits, else when the last hold is released', async () => {
    const p = createDecodePriority()
    await whenIdle(p)
    const a = p.hold()
    const b = p.hold()
    let idle = false
    const done = whenIdle(p).then(() => (idle = true))
    a()
    await Promise.resolve()
    expect(idle).toBe(false)
    b()
    await done
    expect(idle).toBe(true)
  })
})
