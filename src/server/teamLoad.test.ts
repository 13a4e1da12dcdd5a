import { spawn } from 'node:child_process'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalCluster } from './cluster'
import { NO_POSTGRES, startTestCluster, startTestTeam } from '@/test/teamServer'
import type { TestCluster, TestTeam } from '@/test/teamServer'
import { checkLog, runLoad } from '@/test/teamLoad'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe.skipIf(NO_POSTGRES)('team server under load', () => {
  let pgc: TestCluster
  let dbUrl: string
  let team: TestTeam
  beforeAll(async () => {
    pgc = await startTestCluster()
    dbUrl = await pgc.createDatabase('load')
    team = await startTestTeam(dbUrl)
    const admin = await team.client('admin', 'admin')
    for (const d of ['small', 'killed']) await admin.registerDataset(d, Array.from({ length: 5000 }, (_, i) => i))
  }, 120_000)
  afterAll(async () => {
    await team?.close()
    pgc?.stop()
  })

  it('10 annotators for 3 s: claims distinct, no edit lost or duplicated, no conflict', async () => {
    const result = await runLoad({ baseUrl: team.url, dataset: 'small', annotators: 10, durationMs: 3000, batch: 2 })
    expect(result.confirmed.length).toBeGreaterThan(20)
    expect(result.conflicts).toBe(0)
    const db = await pgc.connect(dbUrl)
    try {
      const check = await checkLog(db, 'small', result)
      expect(check).toEqual({ lost: 0, duplicated: 0, sharedClaims: 0, badHeads: 0, logRows: result.confirmed.length })
    } finally {
      await db.end()
    }
  }, 60_000)

  it('the database and the HTTP layer killed in the middle of pushes: after restarts, retries lose and duplicate nothing', async () => {
    const url = new URL(team.url)
    const run = runLoad({ baseUrl: team.url, dataset: 'killed', annotators: 6, durationMs: 5000, batch: 3, prefix: 'k' })
    const kills = (async () => {
      await sleep(1000)
      pgc.cluster.stop('immediate') // a crash: no shutdown checkpoint, in-flight transactions cut
      await sleep(500)
      pgc.cluster.start()
      await sleep(1000)
      // The HTTP layer dies with requests in flight (their transactions may or may not have committed)…
      await team.close()
      await sleep(300)
      // …and comes back on the same port.
      team = await startTestTeam(dbUrl, Number(url.port))
    })()
    const [result] = await Promise.all([run, kills])
    expect(result.retries).toBeGreaterThan(0) // the kills did hit requests
    expect(result.conflicts).toBe(0)
    const db = await pgc.connect(dbUrl)
    try {
      const check = await checkLog(db, 'killed', result)
      expect(check).toEqual({ lost: 0, duplicated: 0, sharedClaims: 0, badHeads: 0, logRows: result.confirmed.length })
    } finally {
      await db.end()
    }
  }, 120_000)

  it('the team-server process SIGKILLed in the middle of pushes and started again: nothing lost or duplicated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proclens-team-crash-'))
    const start = (port: number) => new Promise<{ child: ChildProcessWithoutNullStreams; url: string }>((resolve, reject) => {
      // The command as a user runs it (the CLI bundle, rebuilt by the bin when stale).
      const child = spawn(process.execPath, ['src/cli/proclens.js', 'team-server', '--data', dir, '--port', String(port)])
      let text = ''
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString()
        const m = /team server: (http:\/\/\S+)/.exec(text)
        if (m?.[1] !== undefined) resolve({ child, url: m[1] })
      })
      child.stderr.on('data', (chunk: Buffer) => void (text += chunk.toString()))
      child.once('exit', (code) => reject(new Error(`team-server exited ${code}:\n${text}`)))
    })
    let server = await start(0)
    const port = Number(new URL(server.url).port)
    try {
      const anon = await fetch(`${server.url}/auth/dev-token`, { method: 'POST', body: JSON.stringify({ annotator: 'a', role: 'admin' }) })
      const { token } = (await anon.json()) as { token: string }
      await fetch(`${server.url}/api/datasets`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ dataset: 'crash', episodes: Array.from({ length: 2000 }, (_, i) => i) }) })
      const run = runLoad({ baseUrl: server.url, dataset: 'crash', annotators: 6, durationMs: 4000, batch: 3, prefix: 's' })
      await sleep(1500)
      server.child.kill('SIGKILL') // no cleanup: open transactions are cut, answers never sent
      await new Promise((r) => server.child.once('exit', r))
      await sleep(300)
      server = await start(port) // finds its cluster still running and carries on
      const result = await run
      expect(result.retries).toBeGreaterThan(0)
      const cluster = await startLocalCluster(dir)
      expect(cluster.started).toBe(false)
      const db = new pg.Client({ connectionString: cluster.url })
      await db.connect()
      try {
        const check = await checkLog(db, 'crash', result)
        expect(check).toEqual({ lost: 0, duplicated: 0, sharedClaims: 0, badHeads: 0, logRows: result.confirmed.length })
      } finally {
        await db.end()
      }
    } finally {
      server.child.kill('SIGKILL')
      ;(await startLocalCluster(dir)).stop('immediate')
      rmSync(dir, { recursive: true, force: true })
    }
  }, 180_000)
})
