/**
 * Test helpers for the team server: a throwaway PostgreSQL cluster in a tmp folder, started by the same code as
 * `proclens team-server --data` (src/server/cluster.ts), one fresh database per test file or case, and clients
 * signed in through the local issuer. Suites skip, with the reason printed once, only when no PostgreSQL
 * binaries exist (CI installs them: .ci/test.js).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { emptyDoc } from '@/core/annotation'
import type { AnnotationDoc } from '@/core/annotation'
import { createTeamClient } from '@/data/team/teamClient'
import type { TeamClient, TeamRole } from '@/data/team/teamClient'
import { databaseUrl, findPostgresBin, startLocalCluster } from '@/server/cluster'
import type { LocalCluster } from '@/server/cluster'
import { startTeamServer } from '@/server/teamServer'
import type { RunningTeamServer } from '@/server/teamServer'
import { localIssuer } from '@/server/tokens'

export const POSTGRES_BIN = findPostgresBin()
export const NO_POSTGRES = POSTGRES_BIN === undefined
if (NO_POSTGRES) console.warn('team server tests skipped: no PostgreSQL binaries (initdb, pg_ctl) found; apt-get install -y postgresql, or set PROCLENS_PG_BIN')

export interface TestCluster {
  cluster: LocalCluster
  /** A new empty database; its URL. */
  createDatabase(name: string): Promise<string>
  /** A pg client on a database, connected (end it yourself). */
  connect(url: string): Promise<pg.Client>
  stop(): void
}

export async function startTestCluster(): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'proclens-team-'))
  const cluster = await startLocalCluster(dir)
  const connect = async (url: string) => {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    return c
  }
  return {
    cluster,
    connect,
    createDatabase: async (name) => {
      const admin = await connect(cluster.url)
      try {
        await admin.query(`create database ${name}`)
      } finally {
        await admin.end()
      }
      return databaseUrl(cluster.url, name)
    },
    stop: () => {
      cluster.stop('immediate')
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export interface TestTeam {
  server: RunningTeamServer
  url: string
  /** What the server reported (5xx failures, lost connections): collected, not printed. */
  log: string[]
  /** A client signed in as `annotator` with `role` (a token from the local issuer). */
  client(annotator: string, role?: TeamRole): Promise<TeamClient>
  close(): Promise<void>
}

/** One issuer per test file: a server restarted on the same database accepts the tokens handed out before. */
const issuer = localIssuer()

export async function startTestTeam(databaseUrlValue: string, port = 0): Promise<TestTeam> {
  const log: string[] = []
  const server = await startTeamServer({ databaseUrl: databaseUrlValue, issuer, port, log: (m) => void log.push(m) })
  return {
    server,
    log,
    url: server.url,
    client: async (annotator, role = 'annotator') => {
      const token = await (issuer.sign as NonNullable<typeof issuer.sign>)({ annotator, role })
      return createTeamClient({ baseUrl: server.url, token })
    },
    close: () => server.close(),
  }
}

/** A valid document of `frames` frames with a boundary at each of `cuts`. */
export function docWithCuts(dataset: string, episode: number, frames: number, cuts: readonly number[]): AnnotationDoc {
  const doc = emptyDoc({ dataset, episode: `episode_${String(episode).padStart(6, '0')}`, episodeIndex: episode, task: 'test', frameCount: frames, fps: 30 })
  const edges = [0, ...cuts, frames]
  doc.segments = edges.slice(1).map((end, i) => ({ id: `s${i + 1}`, start: edges[i] as number, end, kind: 'step' as const, label: `Step ${i + 1}.`, notes: '', state: 'completed' as const }))
  return doc
}
