/**
 * `proclens`: the command-line face of ProcLens. It shares src/core and the environment-neutral readers in
 * src/data with the app, so a file the CLI accepts is a file the app accepts, and vice versa.
 */
import { EXIT_USAGE, UsageError } from './command'
import type { Command } from './command'
import { commands } from './commands/index'

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'proclens: audit VLM subtask labels and procedure-grounded progress targets for robot episodes.',
    '',
    'Usage: proclens <command> [options]      proclens <command> --help for a command\'s options',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Output: --json writes machine-readable results to stdout; messages go to stderr.',
    'Exit codes: 0 success, 1 bad input (problems listed), 2 usage error.',
  ].join('\n')
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(help())
    return name === undefined ? EXIT_USAGE : 0
  }
  if (name === '--version') {
    console.log('proclens 0.1.0')
    return 0
  }
  const command: Command | undefined = commands.find((c) => c.name === name)
  if (command === undefined) {
    console.error(`proclens: unknown command '${name}'\n\n${help()}`)
    return EXIT_USAGE
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage)
    return 0
  }
  try {
    return await command.run(rest)
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`proclens ${command.name}: ${e.message}\n\n${command.usage}`)
      return EXIT_USAGE
    }
    throw e
  }
}
