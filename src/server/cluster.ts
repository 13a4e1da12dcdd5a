/**
 * A development PostgreSQL cluster in a folder of the user's choosing: initdb once, then pg_ctl start/stop on
 * a local port (TCP on 127.0.0.1 only, the unix socket inside the folder). Production never uses this: the
 * server is given a connection string instead (docs/team.md).
 *
 * ```text
 *  DIR/
 *    pgdata/        the cluster (initdb)
 *    socket/        unix socket directory
 *    postgres.log   the server's log
 *    password       the generated password of the `proclens` login (scram over TCP)
 *    token-secret   the local token issuer's HS256 secret (tokens.ts)
 * ```
 * initdb and pg_ctl refuse to run as root: as root (CI, containers) they run as the unprivileged `postgres`
 * user through runuser, and the folder is handed to that user.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'

export const DB_NAME = 'proclens'
export const DB_USER = 'proclens'

/** The folder holding initdb/pg_ctl: PROCLENS_PG_BIN, Debian's newest /usr/lib/postgresql/N/bin, pg_config, PATH. */
export function findPostgresBin(): string | undefined {
  const has = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))
  const fromEnv = process.env.PROCLENS_PG_BIN
  if (fromEnv !== undefined && fromEnv !== '') return has(fromEnv) ? fromEnv : undefined
  const debian = '/usr/lib/postgresql'
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))
    for (const v of versions) if (has(join(debian, v, 'bin'))) return join(debian, v, 'bin')
  }
  for (const probe of [() => execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim(),
    () => join(execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim(), '..')]) {
    try {
      const dir = probe()
      if (has(dir)) return dir
    } catch {
      // Not installed this way; try the next.
    }
  }
  return undefined
}

const isRoot = () => process.getuid?.() === 0

/** The unprivileged user initdb runs as when we are root. */
function serviceUser(): { name: string; uid: number; gid: number } {
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim())
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim())
      return { name, uid, gid }
    } catch {
      // No such user; try the next.
    }
  }
  throw new Error('running as root, and neither a `postgres` nor a `nobody` user exists to run PostgreSQL as')
}

/** Runs a PostgreSQL tool, as the service user when we are root; throws with its output on failure. */
function runTool(bin: string, tool: string, args: string[]): string {
  const path = join(bin, tool)
  const [cmd, cmdArgs] = isRoot() ? ['runuser', ['-u', serviceUser().name, '--', path, ...args]] : [path, args]
  const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  if (r.status !== 0) throw new Error(`${tool} ${args[0] ?? ''} failed: ${[r.stderr, r.stdout, r.error?.message ?? ''].find((t) => t !== '') ?? ''}`.trim())
  return r.stdout
}

/** A free TCP port on 127.0.0.1 (the OS picks one). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolvePort(port))
    })
  })
}

export interface LocalCluster {
  dir: string
  port: number
  /** postgres://proclens:…@127.0.0.1:port/proclens */
  url: string
  /** Whether this call started the server (false: it was running already, e.g. after a crash of the HTTP layer). */
  started: boolean
  /** pg_ctl stop; `immediate` is a crash (no shutdown checkpoint), used by the tests that kill the database. */
  stop(mode?: 'fast' | 'immediate'): void
  /** Starts it again on the same port (after stop). */
  start(): void
}

/** The port of a running cluster, from postmaster.pid (its 4th line), if one runs. */
function runningPort(bin: string, pgdata: string): number | undefined {
  if (!existsSync(join(pgdata, 'postmaster.pid'))) return undefined
  try {
    runTool(bin, 'pg_ctl', ['status', '-D', pgdata])
  } catch {
    return undefined
  }
  const port = Number(readFileSync(join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[3])
  return Number.isInteger(port) && port > 0 ? port : undefined
}

function handOver(dir: string): void {
  if (!isRoot()) return
  const { name, uid, gid } = serviceUser()
  // chown gives the folder, not the way to it: every parent must let the service user through.
  if (spawnSync('runuser', ['-u', name, '--', 'test', '-x', resolve(dir, '..')]).status !== 0) {
    throw new Error(`running as root, PostgreSQL runs as the user ${name}, who cannot reach ${dir}: a parent folder is private to root (chmod o+x it, or choose a folder elsewhere, e.g. under /tmp or /srv)`)
  }
  const walk = (p: string) => {
    chownSync(p, uid, gid)
    if (statSync(p).isDirectory()) for (const e of readdirSync(p)) walk(join(p, e))
  }
  walk(dir)
}

/**
 * Initialises the cluster in `dir` if needed and starts it (or finds it running), then creates the database.
 * `port` 0 picks a free one.
 */
export async function startLocalCluster(dirArg: string, options: { port?: number; bin?: string } = {}): Promise<LocalCluster> {
  const bin = options.bin ?? findPostgresBin()
  if (bin === undefined) throw new Error('PostgreSQL is not installed (no initdb found): apt-get install -y postgresql, or set PROCLENS_PG_BIN')
  const dir = resolve(dirArg)
  const pgdata = join(dir, 'pgdata')
  const socket = join(dir, 'socket')
  mkdirSync(socket, { recursive: true })
  const passwordFile = join(dir, 'password')
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 })
  const password = readFileSync(passwordFile, 'utf8').trim()
  if (!existsSync(join(pgdata, 'PG_VERSION'))) {
    handOver(dir)
    runTool(bin, 'initdb', ['-D', pgdata, '-U', DB_USER, '--auth-local=trust', '--auth-host=scram-sha-256',
      `--pwfile=${passwordFile}`, '-E', 'UTF8', '--locale=C', '--no-sync'])
  }
  handOver(dir)
  let port = runningPort(bin, pgdata)
  const started = port === undefined
  if (port === undefined) port = options.port !== undefined && options.port !== 0 ? options.port : await freePort()
  const fixedPort = port
  const start = () => {
    handOver(dir)
    runTool(bin, 'pg_ctl', ['start', '-w', '-t', '60', '-D', pgdata, '-l', join(dir, 'postgres.log'), '-o',
      `-c listen_addresses=127.0.0.1 -p ${fixedPort} -k ${socket} -c fsync=on -c max_connections=200`])
  }
  if (started) {
    try {
      start()
    } catch (e) {
      const log = existsSync(join(dir, 'postgres.log')) ? readFileSync(join(dir, 'postgres.log'), 'utf8').split('\n').slice(-8).join('\n') : ''
      throw new Error(`${e instanceof Error ? e.message : String(e)}\n${log}`, { cause: e })
    }
  }
  // The database: created once, through the unix socket (trust for the cluster's own user only: the folder is
  // private to it).
  const exists = runTool(bin, 'psql', ['-h', socket, '-p', String(port), '-U', DB_USER, '-d', 'postgres', '-tAc',
    `select 1 from pg_database where datname = '${DB_NAME}'`]).trim()
  if (exists !== '1') runTool(bin, 'createdb', ['-h', socket, '-p', String(port), '-U', DB_USER, DB_NAME])
  return {
    dir, port, started,
    url: `postgres://${DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DB_NAME}`,
    stop: (mode = 'fast') => {
      if (runningPort(bin, pgdata) !== undefined) runTool(bin, 'pg_ctl', ['stop', '-w', '-D', pgdata, '-m', mode])
    },
    start: () => {
      if (runningPort(bin, pgdata) === undefined) start()
    },
  }
}

/** Another database in the same cluster (the tests give each case a fresh one). */
export function databaseUrl(clusterUrl: string, name: string): string {
  const u = new URL(clusterUrl)
  u.pathname = `/${name}`
  return u.toString()
}
