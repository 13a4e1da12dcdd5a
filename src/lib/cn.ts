/** Join class names, skipping falsy entries: `cn('a', cond && 'b')`. */
export function cn(...parts: (string | false | null | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' ')
}
