import { describe, expect, it } from 'vitest'
import { PostOrder } from './postOrder'

const bytes = (n: number) => new Uint8Array([n])
const deferred = () => {
  let resolve = (_: Uint8Array) => undefined as void
  let reject = (_: unknown) => undefined as void
  const promise = new Promise<Uint8Array>((res, rej) => { resolve = res; reject = rej })
  return { promise, resolve, reject }
}

describe('PostOrder', () => {
  it('sends bytes in memory at once when nothing waits, and in the order added when something does', async () => {
    const order = new PostOrder()
    const sent: number[] = []
    const send = (d: Uint8Array) => void sent.push(d[0]!)
    order.add(Promise.resolve(bytes(1)), bytes(1), send, () => undefined)
    expect(sent).toEqual([1])
    const slow = deferred()
    order.add(slow.promise, undefined, send, () => undefined)
    // In memory, but behind the read of 2: it waits for it.
    order.add(Promise.resolve(bytes(3)), bytes(3), send, () => undefined)
    await new Promise((r) => setTimeout(r, 0))
    expect(sent).toEqual([1])
    slow.resolve(bytes(2))
    await new Promise((r) => setTimeout(r, 0))
    expect(sent).toEqual([1, 2, 3])
    order.add(Promise.resolve(bytes(4)), bytes(4), send, () => undefined)
    expect(sent).toEqual([1, 2, 3, 4])
  })

  it('reports a failed read, and after a restart nothing added before holds back what comes', async () => {
    const order = new PostOrder()
    const sent: number[] = []
    const failed: unknown[] = []
    const send = (d: Uint8Array) => void sent.push(d[0]!)
    const slow = deferred()
    order.add(slow.promise, undefined, send, (e) => failed.push(e))
    order.restart()
    order.add(Promise.resolve(bytes(5)), bytes(5), send, () => undefined)
    expect(sent).toEqual([5])
    slow.reject(new Error('gone'))
    await new Promise((r) => setTimeout(r, 0))
    expect(failed).toHaveLength(1)
    // The old item settling does not unbalance the count of the new order.
    order.add(Promise.resolve(bytes(6)), bytes(6), send, () => undefined)
    expect(sent).toEqual([5, 6])
  })
})
