/**
 * Base64 of bytes without Node's `Buffer` or the browser's `btoa` on a binary string, so the core stays
 * environment-neutral and a 100 kB JPEG never becomes a 100 k-character intermediate string.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = []
  let chunk = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!
    const b = bytes[i + 1]
    const c = bytes[i + 2]
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0)
    chunk += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!
    chunk += b === undefined ? '=' : ALPHABET[(n >> 6) & 63]!
    chunk += c === undefined ? '=' : ALPHABET[n & 63]!
    // Flush now and then: repeated `+=` on one huge string is slow in some engines.
    if (chunk.length >= 8192) {
      parts.push(chunk)
      chunk = ''
    }
  }
  parts.push(chunk)
  return parts.join('')
}
