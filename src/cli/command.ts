import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import type { ParseArgsConfig } from 'node:util'
import type { ProblemLog } from '../core/problems'

/**
 * The CLI's contract: `--json` output on stdout, messages on stderr; exit 0 on success, 1 on bad input (with
 * the problems listed), 2 on a usage error.
 */
export const EXIT_OK = 0
export const EXIT_BAD_INPUT = 1
export const EXIT_USAGE = 2

export interface Command {
  name: string
  /** One line for `proclens --help`. */
  summary: string
  /** The full usage text for `proclens <name> --help`. */
  usage: string
  run(args: string[]): Promise<number>
}

/** Thrown for a bad command line; main prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {}

/**
 * `node:util` `parseArgs` in strict mode with positionals allowed; a bad flag becomes a {@link UsageError}, so
 * every command reports it the same way (message, usage, exit 2).
 */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e))
  }
}

/** A file's text, or `undefined` with a `file-not-readable` problem logged (missing, a folder, no permission). */
export async function readInputText(file: string, log: ProblemLog): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8')
  } catch (e) {
    log.error('file-not-readable', e instanceof Error ? e.message : String(e))
    return undefined
  }
}
