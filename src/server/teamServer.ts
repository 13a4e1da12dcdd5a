/**
 * The team server as one value: a pg pool on the database, the migrations applied, the HTTP layer listening.
 * The CLI (`proclens team-server`) and the tests start it the same way.
 */
import type { AddressInfo } from 'node:net'
import pg from 'pg'
import { withConnection } from './db'
import { createHttpServer } from './http'
import { migrate } from './migrations'
import type { TokenIssuer } from './tokens'

export interface TeamServerOptions {
  databaseUrl: string
  issuer: TokenIssuer
  /** 0 picks a free port. */
  port: number
  /** 127.0.0.1 unless told otherwise (production behind a proxy may bind elsewhere). */
  host?: string
  origins?: 'dev' | readonly string[]
  poolSize?: number
  /** Where failures are reported (stderr by default). */
  log?: (message: string) => void
}

export interface RunningTeamServer {
  url: string
  pool: pg.Pool
  close(): Promise<void>
}

export async function startTeamServer(options: TeamServerOptions): Promise<RunningTeamServer> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 20, connectionTimeoutMillis: 10_000 })
  // An idle connection that dies (the database restarted) is dropped; the next request opens a new one.
  const log = options.log ?? ((m: string) => console.error(m))
  pool.on('error', (e) => log(`team-server: database connection lost: ${e.message}`))
  await withConnection(pool, (db) => migrate(db))
  const server = createHttpServer({ pool, issuer: options.issuer, origins: options.origins ?? 'dev', log })
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port, host, () => resolveListen())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://${host}:${port}`,
    pool,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
      await pool.end()
    },
  }
}
