/**
 * `proclens team-server`: the team server in one command (docs/team.md). With --data DIR it runs its own
 * PostgreSQL cluster in DIR (initialised on first use); with --database it uses any PostgreSQL. Either way it
 * applies the migrations, serves the HTTP contract and stops cleanly on Ctrl+C.
 */
import { join } from 'node:path'
import { startLocalCluster } from '../../server/cluster'
import type { LocalCluster } from '../../server/cluster'
import { LATEST_VERSION } from '../../server/migrations'
import { startTeamServer } from '../../server/teamServer'
import { localIssuer, oidcFromEnv, oidcIssuer } from '../../server/tokens'
import { EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, UsageError } from '../command'
import type { Command } from '../command'

const usage = `Usage: proclens team-server (--data DIR | --database postgres://...) [options]

Runs the team server: shared heads, the edit log, claims and reviews on PostgreSQL, over HTTP (docs/team.md).

  --data DIR         development: a PostgreSQL cluster of its own in DIR (created on first use), on 127.0.0.1 only
  --database URL     production: any PostgreSQL, by connection string (no initdb)
  --port N           HTTP port (default 5480; 0 picks a free one)
  --host H           HTTP address (default 127.0.0.1)
  --pg-port N        port of the --data cluster (default: a free one)
  --origins A,B      origins the browser app is served from (CORS; default any http://127.0.0.1:* and http://localhost:*)

Sign-in: OIDC when PROCLENS_OIDC_ISSUER, PROCLENS_OIDC_AUDIENCE and PROCLENS_OIDC_JWKS_URL are set (role from the
claim PROCLENS_OIDC_ROLE_CLAIM, default \`role\`); otherwise a local issuer (development) signs tokens at
POST /auth/dev-token. Ctrl+C stops the HTTP server and the cluster it started.`

function portOption(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${flag}: expected a port number, got '${value}'`)
  return n
}

async function run(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    data: { type: 'string' }, database: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' },
    'pg-port': { type: 'string' }, origins: { type: 'string' },
  })
  if ((values.data === undefined) === (values.database === undefined)) throw new UsageError('give exactly one of --data DIR and --database URL')
  const port = portOption(values.port, '--port', 5480)
  const oidc = oidcFromEnv(process.env)
  const pgPort = portOption(values['pg-port'], '--pg-port', 0)
  let cluster: LocalCluster | undefined
  if (values.data !== undefined) {
    try {
      cluster = await startLocalCluster(values.data, { port: pgPort })
    } catch (e) {
      console.error(`proclens team-server: ${e instanceof Error ? e.message : String(e)}`)
      return EXIT_BAD_INPUT
    }
  }
  const databaseUrl = cluster?.url ?? values.database ?? ''
  const issuer = oidc !== undefined ? oidcIssuer(oidc) : localIssuer(values.data === undefined ? undefined : join(values.data, 'token-secret'))
  const origins = values.origins === undefined ? 'dev' : values.origins.split(',').map((o) => o.trim()).filter((o) => o !== '')
  let server
  try {
    server = await startTeamServer({ databaseUrl, issuer, port, ...(values.host === undefined ? {} : { host: values.host }), origins })
  } catch (e) {
    if (cluster?.started === true) cluster.stop()
    console.error(`proclens team-server: ${e instanceof Error ? e.message : String(e)}`)
    return EXIT_BAD_INPUT
  }
  const where = cluster === undefined ? 'the database given by --database' : `a PostgreSQL cluster in ${cluster.dir} (127.0.0.1:${cluster.port})`
  console.log(`ProcLens team server: ${server.url}  (${where}; schema version ${LATEST_VERSION})`)
  if (issuer.kind === 'local') {
    console.log(`Sign in (development): curl -s -X POST ${server.url}/auth/dev-token -H 'content-type: application/json' -d '{"annotator":"ann1","role":"annotator"}'`)
    if (cluster === undefined) console.warn('team-server: no OIDC configured: anyone who reaches this port can sign in as anyone (set PROCLENS_OIDC_* in production)')
  } else {
    console.log(`Sign in: tokens from ${oidc?.issuer ?? 'the OIDC provider'}`)
  }
  console.log('Ctrl+C stops it.')
  const running = server
  await new Promise<void>((resolveStop) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      console.log('team-server: stopping')
      running.close().catch((e: unknown) => console.error(`team-server: ${e instanceof Error ? e.message : String(e)}`)).finally(() => {
        try {
          if (cluster?.started === true) cluster.stop('fast')
        } catch (e) {
          console.error(`team-server: stopping PostgreSQL: ${e instanceof Error ? e.message : String(e)}`)
        }
        resolveStop()
      })
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  return EXIT_OK
}

export const teamServerCommand: Command = { name: 'team-server', summary: 'Run the team server (PostgreSQL + HTTP) for shared review', usage, run }
