import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TeamClient, TeamEdit } from '@/data/team/teamClient'
import { TeamHttpError } from '@/data/team/teamClient'
import { docWithCuts, NO_POSTGRES, startTestCluster, startTestTeam } from '@/test/teamServer'
import type { TestCluster, TestTeam } from '@/test/teamServer'

const D = 'lerobot/demo@v1'

function edit(episode: number, baseVersion: number, cuts: number[], id: string = randomUUID()): TeamEdit {
  return { id, dataset: D, episode, baseVersion, label: `edit on ${baseVersion}`, doc: docWithCuts(D, episode, 300, cuts), at: new Date().toISOString() }
}

/** The HTTP error a call fails with. */
async function failure(p: Promise<unknown>): Promise<TeamHttpError> {
  try {
    await p
  } catch (e) {
    if (e instanceof TeamHttpError) return e
    throw e
  }
  throw new Error('expected the call to fail')
}

async function raw(url: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(url, init)
  return { status: r.status, body: (await r.json()) as Record<string, unknown> }
}

describe.skipIf(NO_POSTGRES)('team server', () => {
  let pgc: TestCluster
  let team: TestTeam
  let dbUrl: string
  let ann1: TeamClient
  let ann2: TeamClient
  let reviewer: TeamClient
  let admin: TeamClient
  beforeAll(async () => {
    pgc = await startTestCluster()
    dbUrl = await pgc.createDatabase('api')
    team = await startTestTeam(dbUrl)
    ann1 = await team.client('ann1')
    ann2 = await team.client('ann2')
    reviewer = await team.client('rev', 'reviewer')
    admin = await team.client('boss', 'admin')
    await ann1.registerDataset(D, Array.from({ length: 100 }, (_, i) => i))
  }, 120_000)
  afterAll(async () => {
    await team?.close()
    pgc?.stop()
  })

  it('health, me and registering (idempotent)', async () => {
    expect(await ann1.health()).toEqual({ ok: true, version: 2 })
    expect(await ann2.me()).toEqual({ annotator: 'ann2', role: 'annotator' })
    expect(await ann2.registerDataset(D, [98, 99, 100, 101])).toEqual({ added: 2 })
  })

  it('push: applied moves the head by one, a retry is a duplicate, a stale base is a conflict with the head', async () => {
    const first = edit(1, 0, [100])
    expect(await ann1.pushEdits([first])).toEqual([{ id: first.id, status: 'applied', version: 1 }])
    expect(await ann1.pushEdits([first])).toEqual([{ id: first.id, status: 'duplicate', version: 1 }])
    const second = edit(1, 1, [120])
    const stale = edit(1, 1, [130])
    const results = await ann1.pushEdits([second, stale, second])
    expect(results[0]).toEqual({ id: second.id, status: 'applied', version: 2 })
    expect(results[1]).toMatchObject({ id: stale.id, status: 'conflict', head: { annotator: 'ann1', episode: 1, version: 2, doc: second.doc } })
    expect(results[2]).toEqual({ id: second.id, status: 'duplicate', version: 2 })
    // A first edit on top of nothing when a head exists, and one on top of a head that does not exist.
    expect((await ann1.pushEdits([edit(1, 0, [5])]))[0]?.status).toBe('conflict')
    expect(await ann1.pushEdits([edit(2, 4, [5], '00000000-0000-4000-8000-0000000000aa')])).toEqual([{ id: '00000000-0000-4000-8000-0000000000aa', status: 'conflict', head: null }])
    // Each annotator has their own head of the same episode.
    expect((await ann2.pushEdits([edit(1, 0, [101])]))[0]).toMatchObject({ status: 'applied', version: 1 })
    const heads = (await ann2.heads(D)).heads.filter((h) => h.episode === 1)
    expect(heads.map((h) => [h.annotator, h.version])).toEqual([['ann1', 2], ['ann2', 1]])
  })

  it('retries of the same edit at the same time apply it once', async () => {
    const e = edit(3, 0, [50])
    const all = await Promise.all(Array.from({ length: 8 }, () => ann1.pushEdits([e])))
    const statuses = all.map((r) => r[0]?.status).sort()
    expect(statuses).toEqual(['applied', ...Array<string>(7).fill('duplicate')])
    const db = await pgc.connect(dbUrl)
    try {
      expect((await db.query('select 1 from edit_log where id = $1', [e.id])).rowCount).toBe(1)
    } finally {
      await db.end()
    }
  })

  it('heads since a cursor: only what changed after it', async () => {
    const { cursor } = await ann1.heads(D)
    expect((await ann1.heads(D, cursor)).heads).toEqual([])
    await ann2.pushEdits([edit(4, 0, [10])])
    const { heads, cursor: next } = await ann1.heads(D, cursor)
    expect(heads.map((h) => [h.episode, h.annotator, h.version])).toEqual([[4, 'ann2', 1]])
    expect((await ann1.heads(D, next)).heads).toEqual([])
  })

  it('row-level security refuses an annotator writing as another, in SQL and through HTTP', async () => {
    const db = await pgc.connect(dbUrl)
    try {
      await db.query('begin')
      await db.query('set local role proclens_annotator')
      await db.query(`select set_config('proclens.annotator', 'ann1', true)`)
      await expect(db.query(`insert into edit_log (id, annotator, dataset, episode, base_version, version, label, doc)
        values ($1, 'ann2', $2, 5, 0, 1, 'forged', '{}')`, [randomUUID(), D])).rejects.toThrow(/row-level security/)
      await db.query('rollback')
      // Through the SQL function, onto someone else's existing head.
      await db.query('begin')
      await db.query('set local role proclens_annotator')
      await db.query(`select set_config('proclens.annotator', 'ann1', true)`)
      await expect(db.query(`select * from push_edit($1, 'ann2', $2, 1, 1, 'forged', '{}', now())`, [randomUUID(), D])).rejects.toThrow(/row-level security/)
      await db.query('rollback')
      // Without an annotator set, nothing can be written at all.
      await db.query('begin')
      await db.query('set local role proclens_annotator')
      await expect(db.query(`select * from push_edit($1, 'ann1', $2, 50, 0, 'anonymous', '{}', now())`, [randomUUID(), D])).rejects.toThrow(/row-level security/)
      await db.query('rollback')
      // The log is append-only, even for the admin role.
      await db.query('begin')
      await db.query('set local role proclens_admin')
      await expect(db.query(`update edit_log set label = 'rewritten'`)).rejects.toThrow(/permission denied/)
      await db.query('rollback')
    } finally {
      await db.end()
    }
    const forged = { ...edit(1, 1, [7]), annotator: 'ann2' }
    const e = await failure(ann1.pushEdits([forged]))
    expect(e.status).toBe(403)
    expect(e.message).toMatch(/annotator: ann1 may write only as themself/)
    const head = (await ann1.heads(D)).heads.find((h) => h.episode === 1 && h.annotator === 'ann2')
    expect(head?.version).toBe(1)
  })

  it('50 parallel claims get 50 distinct episodes, each the lowest free; an own live lease comes back first', async () => {
    const D2 = 'claims'
    await ann1.registerDataset(D2, Array.from({ length: 60 }, (_, i) => i))
    const clients = await Promise.all(Array.from({ length: 50 }, (_, i) => team.client(`c${i}`)))
    const claims = await Promise.all(clients.map((c) => c.claimNext(D2, 600)))
    const episodes = claims.map((c) => c.episode)
    expect(new Set(episodes).size).toBe(50)
    expect([...episodes].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 50 }, (_, i) => i))
    const again = await Promise.all(clients.map((c) => c.claimNext(D2, 600)))
    expect(again.map((c) => c.episode)).toEqual(episodes)
    // Ten left; the 61st claim finds nothing.
    const more = await Promise.all(Array.from({ length: 11 }, (_, i) => team.client(`m${i}`).then((c) => c.claimNext(D2))))
    expect(more.map((c) => c.episode).filter((e) => e === null)).toHaveLength(1)
    // A release frees the episode for the next claim; releasing someone else's lease does nothing.
    expect(await clients[1]?.releaseClaim(D2, episodes[0] ?? -1)).toEqual({ released: false })
    expect(await clients[0]?.releaseClaim(D2, episodes[0] ?? -1)).toEqual({ released: true })
    expect((await (await team.client('late')).claimNext(D2)).episode).toBe(episodes[0])
  })

  it('leases expire: an expired lease is claimed by the next annotator; a verdict takes the episode out of the queue', async () => {
    const D3 = 'leases'
    await ann1.registerDataset(D3, [0, 1])
    expect((await ann1.claimNext(D3, 60)).episode).toBe(0)
    expect((await ann2.claimNext(D3, 60)).episode).toBe(1)
    const db = await pgc.connect(dbUrl)
    try {
      await db.query(`update episodes set lease_until = now() - interval '1 second' where dataset = $1 and episode = 0`, [D3])
    } finally {
      await db.end()
    }
    const c3 = await team.client('ann3')
    expect((await c3.claimNext(D3, 60)).episode).toBe(0)
    // ann1's lease is gone: its next claim finds nothing free.
    expect((await ann1.claimNext(D3, 60)).episode).toBe(null)
    expect(await reviewer.setReview({ dataset: D3, episode: 1, status: 'accepted', reason: '', baseVersion: 0 })).toEqual({ status: 'applied', version: 1 })
    // ann2's lease on a reviewed episode is not handed back.
    expect((await ann2.claimNext(D3, 60)).episode).toBe(null)
  })

  it('reviews: version checks, annotators may only flag or mark in progress, reviewers decide', async () => {
    const r0 = await ann1.setReview({ dataset: D, episode: 7, status: 'in_progress', reason: '', baseVersion: 0 })
    expect(r0).toEqual({ status: 'applied', version: 1 })
    const stale = await ann2.setReview({ dataset: D, episode: 7, status: 'flagged', reason: 'odd', baseVersion: 0 })
    expect(stale).toMatchObject({ status: 'conflict', review: { status: 'in_progress', reviewer: 'ann1', version: 1 } })
    const refused = await failure(ann2.setReview({ dataset: D, episode: 7, status: 'accepted', reason: '', baseVersion: 1 }))
    expect(refused.status).toBe(403)
    expect(refused.message).toMatch(/status: annotator may set only in_progress or flagged/)
    expect(await reviewer.setReview({ dataset: D, episode: 7, status: 'rejected', reason: 'wrong step', baseVersion: 1 })).toEqual({ status: 'applied', version: 2 })
    expect(await admin.setReview({ dataset: D, episode: 7, status: 'accepted', reason: '', baseVersion: 2 })).toEqual({ status: 'applied', version: 3 })
    const reviews = await ann1.reviews(D)
    expect(reviews.find((r) => r.episode === 7)).toMatchObject({ status: 'accepted', reviewer: 'boss', version: 3 })
  })

  it('401, 403 and 400 name what is wrong', async () => {
    const none = await raw(`${team.url}/api/me`)
    expect(none).toEqual({ status: 401, body: { error: 'authorization: missing; send `Authorization: Bearer <token>`' } })
    const bad = await raw(`${team.url}/api/me`, { headers: { authorization: 'Bearer not.a.token' } })
    expect(bad.status).toBe(401)
    expect(bad.body.error).toMatch(/^token/)
    const forbidden = await failure(ann1.progress(D))
    expect([forbidden.status, forbidden.message]).toEqual([403, 'admin/progress is for the admin role; ann1 signed in as annotator'])
    const body = await failure(ann1.pushEdits([{ ...edit(1, 1, [3]), baseVersion: -1 }]))
    expect(body.status).toBe(400)
    expect(body.message).toMatch(/^edits\[0\]\.baseVersion: /)
    const doc = await failure(ann1.pushEdits([{ ...edit(1, 1, [3]), doc: { ...docWithCuts(D, 1, 300, []), frameCount: 'many' } } as unknown as TeamEdit]))
    expect(doc.message).toMatch(/^edits\[0\]\.doc\.frameCount: /)
    const token = await (await fetch(`${team.url}/auth/dev-token`, { method: 'POST', body: JSON.stringify({ annotator: 'x', role: 'annotator' }) })).json() as { token: string }
    const json = await raw(`${team.url}/api/edits`, { method: 'POST', body: '{"edits": [', headers: { authorization: `Bearer ${token.token}` } })
    expect(json.status).toBe(400)
    expect(json.body.error).toMatch(/^body: not valid JSON/)
    const cursor = await failure(ann1.heads(D, 'drop table heads'))
    expect([cursor.status, cursor.message]).toEqual([400, 'since: not a cursor this server gave (pass the `cursor` of the previous answer)'])
    const missing = await raw(`${team.url}/api/nothing`)
    expect(missing.status).toBe(404)
    const role = await raw(`${team.url}/auth/dev-token`, { method: 'POST', body: JSON.stringify({ annotator: 'x', role: 'owner' }) })
    expect(role.status).toBe(400)
    expect(role.body.error).toMatch(/^role: /)
  })

  it('CORS: the dev origins are allowed, others are not told', async () => {
    const pre = await fetch(`${team.url}/api/edits`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'POST' } })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173')
    expect(pre.headers.get('access-control-allow-headers')).toBe('authorization, content-type')
    const other = await fetch(`${team.url}/api/health`, { headers: { origin: 'https://evil.example' } })
    expect(other.headers.get('access-control-allow-origin')).toBe(null)
  })

  it('admin progress: per annotator and dataset, and the episodes with the lowest boundary F1 first', async () => {
    const D4 = 'agree'
    await ann1.registerDataset(D4, [0, 1, 2])
    const e = (episode: number, cuts: number[]): TeamEdit => ({ ...edit(episode, 0, cuts), dataset: D4 })
    await ann1.pushEdits([e(0, [100, 200]), e(1, [100, 200]), e(2, [50])])
    await ann2.pushEdits([e(0, [100, 202]), e(1, [30, 250])])
    await ann1.claimNext(D4, 60)
    const p = await admin.progress(D4)
    expect(p.annotators).toEqual([
      { annotator: 'ann1', edits: 3, episodes: 3, lastEditAt: expect.any(String) as string },
      { annotator: 'ann2', edits: 2, episodes: 2, lastEditAt: expect.any(String) as string },
    ])
    expect(p.datasets).toEqual([{ dataset: D4, episodes: 3, claimed: 1, edited: 3, reviewed: 0 }])
    expect(p.disagreement).toEqual([
      { dataset: D4, episode: 1, annotators: 2, boundaryF1: 0 },
      { dataset: D4, episode: 0, annotators: 2, boundaryF1: 1 },
    ])
  })

  it('answered none of the requests above with a 5xx', () => {
    expect(team.log).toEqual([])
  })
})
