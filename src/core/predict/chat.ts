/**
 * The OpenAI chat-completions request both protocols send (what vLLM, SGLang and hosted APIs accept): one user
 * message whose content is text and `image_url` parts, images as JPEG data URLs. Greedy decoding
 * (temperature 0), as ProcVLM's inference decodes.
 */

export interface TextPart {
  type: 'text'
  text: string
}

export interface ImagePart {
  type: 'image_url'
  image_url: { url: string }
}

export type ContentPart = TextPart | ImagePart

export interface ChatRequest {
  model: string
  messages: { role: 'user'; content: ContentPart[] }[]
  temperature: number
  max_tokens: number
}

/** ProcVLM's inference limit (`max_new_tokens=4096`). */
export const DEFAULT_MAX_TOKENS = 4096

export const textPart = (text: string): TextPart => ({ type: 'text', text })

/** An image part for a JPEG given as base64. */
export const jpegPart = (base64: string): ImagePart => ({ type: 'image_url', image_url: { url: `data:image/jpeg;base64,${base64}` } })

export function chatRequest(model: string, content: ContentPart[], maxTokens: number): ChatRequest {
  return { model, messages: [{ role: 'user', content }], temperature: 0, max_tokens: maxTokens }
}

/**
 * The answer text of a chat-completions response: `choices[0].message.content`, a string or (some servers) a
 * list of text parts. Undefined when the response has no such text.
 */
export function answerText(response: unknown): string | undefined {
  if (typeof response !== 'object' || response === null) return undefined
  const choices = (response as { choices?: unknown }).choices
  if (!Array.isArray(choices) || choices.length === 0) return undefined
  const message = (choices[0] as { message?: { content?: unknown } } | null)?.message
  const content = message?.content
  if (typeof content === 'string') return content
  if (Array.isArray(content)) {
    const texts = content.flatMap((p) => (typeof p === 'object' && p !== null && typeof (p as TextPart).text === 'string' ? [(p as TextPart).text] : []))
    return texts.length > 0 ? texts.join('') : undefined
  }
  return undefined
}
