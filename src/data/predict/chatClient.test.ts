import { afterEach, describe, expect, it } from 'vitest'
import { chatRequest, textPart } from '../../core/predict/chat'
import type { ChatServer } from '../../test/chatServer'
import { serveChat } from '../../test/chatServer'
import { ChatRequestError, chatUrl, postChat, retryAfterMs } from './chatClient'
import { runPool } from './pool'

let server: ChatServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

const request = chatRequest('m', [textPart('hi')], 10)

describe('chat client', () => {
  it.each<[string | null, number | undefined]>([[null, undefined], ['', undefined], ['2', 2000], ['0', 0], ['1000', 120_000], ['soon', undefined]])('Retry-After %j is %j ms', (header, ms) => {
    expect(retryAfterMs(header)).toBe(ms)
  })

  it('Retry-After as an HTTP date', () => {
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000)
  })

  it('joins the endpoint and the path whatever the trailing slash', () => {
    expect(chatUrl('http://h:8000/v1/')).toBe('http://h:8000/v1/chat/completions')
    expect(chatUrl('http://h:8000/v1')).toBe('http://h:8000/v1/chat/completions')
  })

  it('waits Retry-After, then doubles the backoff, and gives up after the retries', async () => {
    server = await serveChat((_c, calls) => (calls.length === 1 ? { status: 429, headers: { 'retry-after': '3' } } : { status: 503, raw: 'down' }))
    const waits: number[] = []
    const retries: string[] = []
    const run = postChat(request, { endpoint: `${server.url}/v1`, apiKey: undefined, retries: 3, backoffMs: 10, timeoutMs: 5000, sleep: (ms) => { waits.push(ms); return Promise.resolve() }, onRetry: (m) => retries.push(m) })
    await expect(run).rejects.toThrow(/HTTP 503: down \(after 4 attempt\(s\)\)/)
    expect(waits).toEqual([3000, 20, 40])
    expect(retries[0]).toMatch(/HTTP 429/)
  })

  it('retries a network error', async () => {
    server = await serveChat(() => ({ content: 'ok' }))
    const url = server.url
    await server.close()
    server = undefined
    const waits: number[] = []
    await expect(postChat(request, { endpoint: url, apiKey: 'k', retries: 2, backoffMs: 5, timeoutMs: 2000, sleep: (ms) => { waits.push(ms); return Promise.resolve() } })).rejects.toBeInstanceOf(ChatRequestError)
    expect(waits).toEqual([5, 10])
  })

  it('an answer without text is a failure, not an empty prediction', async () => {
    server = await serveChat(() => ({ status: 200, raw: '{"choices":[]}' }))
    await expect(postChat(request, { endpoint: server.url, apiKey: undefined, retries: 3, backoffMs: 1, timeoutMs: 2000 })).rejects.toThrow(/no choices/)
    expect(server.calls).toHaveLength(1)
  })
})

describe('pool', () => {
  it('never runs more than the limit at once, and runs everything', async () => {
    let running = 0
    let peak = 0
    const done: number[] = []
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      peak = Math.max(peak, ++running)
      await new Promise((r) => setTimeout(r, 5))
      running--
      done.push(n)
    })
    expect(peak).toBe(3)
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('a failure starts nothing new, lets running items finish, then throws', async () => {
    const started: number[] = []
    const finished: number[] = []
    const run = runPool([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n)
      if (n === 1) throw new Error('one')
      await new Promise((r) => setTimeout(r, 10))
      finished.push(n)
    })
    await expect(run).rejects.toThrow('one')
    expect(started).toEqual([1, 2])
    expect(finished).toEqual([2])
  })
})
