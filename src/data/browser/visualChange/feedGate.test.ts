import { describe, expect, it } from 'vitest'
import { FeedGate } from './feedGate'

describe('the hashing feed gate', () => {
  const settle = () => new Promise((r) => setTimeout(r, 0))

  it('feeds while the pipeline is short, waits for it to drain when full, and neither feeds nor hashes while paused', async () => {
    const gate = new FeedGate()
    let queued = 0
    let unhashed = 0
    let fed = 0
    const feed = async (n: number) => {
      for (let i = 0; i < n; i++) {
        await gate.ready(() => queued + unhashed >= 2)
        queued += 1
        fed += 1
      }
    }
    const run = feed(5)
    await settle()
    expect(fed).toBe(2)
    // The decoder takes one: it is decoded, waiting to be hashed: still two in the pipeline.
    queued -= 1
    unhashed += 1
    gate.changed()
    await settle()
    expect(fed).toBe(2)
    unhashed -= 1
    gate.changed()
    await settle()
    expect(fed).toBe(3)

    gate.setPaused(true)
    let hashed = false
    void gate.running().then(() => { hashed = true })
    queued = 0
    gate.changed()
    await settle()
    expect([fed, hashed]).toEqual([3, false])
    gate.setPaused(false)
    await settle()
    expect([fed, hashed]).toEqual([5, true])
    await run
  })
})
