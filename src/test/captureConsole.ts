import { afterEach, beforeEach, vi } from 'vitest'

/**
 * Captures `console.log` (the CLI's stdout) and `console.error` (its stderr) for every test in the calling file;
 * call at the top level of a test file.
 */
export function captureConsole(): { stdout: () => string; stderr: () => string; clear: () => void } {
  let out: string[] = []
  let err: string[] = []
  beforeEach(() => {
    out = []
    err = []
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.map(String).join(' ')))
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.map(String).join(' ')))
  })
  afterEach(() => vi.restoreAllMocks())
  return {
    stdout: () => out.join('\n'),
    stderr: () => err.join('\n'),
    // Between two commands in one test.
    clear: () => {
      out.length = 0
      err.length = 0
    },
  }
}
