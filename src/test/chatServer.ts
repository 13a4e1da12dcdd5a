/**
 * A stand-in for an OpenAI-compatible chat server (node:http on 127.0.0.1, random port) for the tests of
 * `proclens predict`: it keeps every request (headers and parsed body) and answers each with what the test's
 * `respond` returns, so tests can check what was sent and script answers, errors and retries.
 */
import { createServer } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ChatRequest } from '@/core/predict/chat'

export interface ChatCall {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: ChatRequest
}

export interface ChatReply {
  status?: number
  headers?: Record<string, string>
  /** The answer text (wrapped as an OpenAI response), or a raw body when `status` is not 200. */
  content?: string
  raw?: string
}

export interface ChatServer {
  url: string
  calls: ChatCall[]
  close(): Promise<void>
}

export async function serveChat(respond: (call: ChatCall, calls: readonly ChatCall[]) => ChatReply): Promise<ChatServer> {
  const calls: ChatCall[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    // As vLLM with --allowed-origins: the app's page may call it from another origin (CORS, with a preflight).
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type, authorization', 'access-control-allow-methods': 'POST, OPTIONS' }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end()
      return
    }
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      let body: ChatRequest
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest
      } catch {
        res.writeHead(400, cors).end('not JSON')
        return
      }
      const call: ChatCall = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body }
      calls.push(call)
      let reply: ChatReply
      try {
        reply = respond(call, calls)
      } catch (e) {
        // A failed check answers 400, which the client does not retry: the test sees the run fail.
        reply = { status: 400, raw: `stand-in check failed: ${e instanceof Error ? e.message : String(e)}` }
      }
      const status = reply.status ?? 200
      const text = status === 200 && reply.content !== undefined
        ? JSON.stringify({ id: `cmpl-${calls.length}`, object: 'chat.completion', model: body.model, choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: 'stop' }] })
        : (reply.raw ?? '')
      res.writeHead(status, { 'content-type': 'application/json', ...cors, ...reply.headers }).end(text)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, calls, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
