/**
 * The team server the e2e tests sync with: the real one (`proclens team-server --data <tmp>`, PostgreSQL in a
 * folder of its own) when this checkout has it and PostgreSQL's programs are installed, else the in-memory
 * stand-in (src/test/fakeTeamServer.ts). `PROCLENS_TEAM_E2E=fake` forces the stand-in. Each test says which it
 * ran against (an annotation, and a line on stdout).
 */
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startFakeTeamServer } from '../src/test/fakeTeamServer'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))

export interface E2ETeamServer {
  url: string
  kind: 'real PostgreSQL team server' | 'in-memory stand-in team server'
  close(): Promise<void>
}

function havePostgres(): boolean {
  return spawnSync('sh', ['-c', 'command -v initdb || ls /usr/lib/postgresql/*/bin/initdb'], { stdio: 'ignore' }).status === 0
}

function haveRealServer(): boolean {
  return existsSync(join(repoRoot, 'src/cli/commands/teamServer.ts')) && existsSync(join(repoRoot, 'dist/cli/main.js'))
}

async function startReal(): Promise<E2ETeamServer> {
  const dir = mkdtempSync(join(tmpdir(), 'proclens-team-e2e-'))
  // mkdtemp makes it private to this user; PostgreSQL's programs may run as another one (root runs them as postgres).
  chmodSync(dir, 0o755)
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, 'src/cli/proclens.js'), 'team-server', '--data', join(dir, 'pg'), '--port', '0'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the team server did not start in 60 s:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const m = /ProcLens team server: (http:\/\/\S+)/.exec(output)
      if (m !== null) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the team server exited (${code}) before it printed its URL:\n${output}`))
    })
  })
  return {
    url,
    kind: 'real PostgreSQL team server',
    close: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))])
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function startE2ETeamServer(): Promise<E2ETeamServer> {
  if (process.env.PROCLENS_TEAM_E2E !== 'fake' && haveRealServer() && havePostgres()) return startReal()
  const fake = await startFakeTeamServer()
  return { url: fake.url, kind: 'in-memory stand-in team server', close: () => fake.close() }
}
