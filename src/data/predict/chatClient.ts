/**
 * POST a chat-completions request to an OpenAI-compatible server (vLLM, SGLang, a hosted API) with global
 * `fetch`, retrying what may pass on a second try: 429, 5xx and network errors, after `Retry-After` when the
 * server sends one, else after an exponential backoff. Anything else (400, 401, 404, an answer without text)
 * fails at once: repeating the same request would fail the same way.
 *
 * The API key travels only in the `Authorization` header; every message this module makes has it redacted,
 * in case a server echoes it back in an error body.
 */
import type { ChatRequest } from '@/core/predict/chat'
import { answerText } from '@/core/predict/chat'

export interface ChatClientOptions {
  /** The API's base URL, the part before `/chat/completions` (`http://localhost:8000/v1`). */
  endpoint: string
  apiKey: string | undefined
  /** Retries after the first attempt. */
  retries: number
  /** The first retry's delay in ms; each later one doubles it. */
  backoffMs: number
  timeoutMs: number
  /** Told about each retry (a line on stderr). */
  onRetry?: (message: string) => void
  sleep?: (ms: number) => Promise<void>
}

/** A request that cannot succeed, or failed every attempt. */
export class ChatRequestError extends Error {}

/** Longest wait a `Retry-After` may ask for: beyond that the server is down, not busy. */
const MAX_RETRY_AFTER_MS = 120_000

/** `Retry-After` as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined
  const seconds = Number(header)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS) : undefined
}

export function chatUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/chat/completions`
}

function redact(text: string, key: string | undefined): string {
  return key === undefined || key === '' ? text : text.split(key).join('[redacted]')
}

const retryable = (status: number): boolean => status === 429 || status >= 500

/** The answer text of one request. Throws {@link ChatRequestError} when it cannot get one. */
export async function postChat(request: ChatRequest, o: ChatClientOptions): Promise<string> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (o.apiKey !== undefined && o.apiKey !== '') headers.authorization = `Bearer ${o.apiKey}`
  const body = JSON.stringify(request)
  for (let attempt = 0; ; attempt++) {
    let failure: string
    let wait: number | undefined
    try {
      const response = await fetch(chatUrl(o.endpoint), { method: 'POST', headers, body, signal: AbortSignal.timeout(o.timeoutMs) })
      const text = await response.text()
      if (response.ok) {
        let json: unknown
        try {
          json = JSON.parse(text)
        } catch {
          throw new ChatRequestError('the server answered with something that is not JSON')
        }
        const answer = answerText(json)
        if (answer === undefined) throw new ChatRequestError('the response has no choices[0].message.content text')
        return answer
      }
      failure = `HTTP ${response.status}: ${text.slice(0, 300)}`
      if (!retryable(response.status)) throw new ChatRequestError(redact(failure, o.apiKey))
      wait = retryAfterMs(response.headers.get('retry-after'))
    } catch (e) {
      if (e instanceof ChatRequestError) throw e
      failure = e instanceof Error ? `${e.name}: ${e.message}` : String(e)
    }
    if (attempt >= o.retries) throw new ChatRequestError(redact(`${failure} (after ${attempt + 1} attempt(s))`, o.apiKey))
    const delay = wait ?? o.backoffMs * 2 ** attempt
    o.onRetry?.(redact(`${failure}; retrying in ${Math.round(delay)} ms`, o.apiKey))
    await sleep(delay)
  }
}
