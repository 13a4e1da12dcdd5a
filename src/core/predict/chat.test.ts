import { describe, expect, it } from 'vitest'
import { toBase64 } from './base64'
import { answerText, chatRequest, jpegPart, textPart } from './chat'

describe('base64', () => {
  it.each(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'])('%j as RFC 4648 says', (s) => {
    expect(toBase64(new TextEncoder().encode(s))).toBe(btoa(s))
  })

  it('long binary input', () => {
    const bytes = Uint8Array.from({ length: 30001 }, (_, i) => (i * 37) & 255)
    expect(toBase64(bytes)).toBe(btoa(String.fromCharCode(...bytes)))
  })
})

describe('chat request', () => {
  it('one user message, greedy', () => {
    expect(chatRequest('m', [jpegPart('QUJD'), textPart('hi')], 7)).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/jpeg;base64,QUJD' } }, { type: 'text', text: 'hi' }] }],
      temperature: 0,
      max_tokens: 7,
    })
  })

  it.each<[string, unknown, string | undefined]>([
    ['a string', { choices: [{ message: { content: 'ok' } }] }, 'ok'],
    ['text parts', { choices: [{ message: { content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] } }] }, 'ab'],
    ['no choices', { choices: [] }, undefined],
    ['null content', { choices: [{ message: { content: null } }] }, undefined],
    ['not an object', 'x', undefined],
  ])('answer text from %s', (_name, response, expected) => {
    expect(answerText(response)).toBe(expected)
  })
})
