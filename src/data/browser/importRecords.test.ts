// @vitest-environment jsdom
import { QueryClient } from '@tanstack/react-query'
import { afterEach, describe, expect, it } from 'vitest'
import type { EpisodeRecord } from '@/core/formats/records'
import { episodeRecordLine, parseEpisodeRecords } from '@/core/formats/records'
import type { Problem } from '@/core/problems'
import { ProblemLog } from '@/core/problems'
import { createNodeFileStore } from '@/cli/nodeFileStore'
import { openDataset } from '../openDataset'
import type { DatasetSource } from '../DatasetSource'
import { ProcLensDb, reviewStates, setReviewStatus } from './db'
import { browserEpisodes } from './exportEpisodes'
import { importRecords } from './importRecords'
import { episodeAnnotationOptions, registerLocalStore } from './queries'
import { HistorySaver } from './savedHistory'
import { recordToHistory } from './recordHistory'

const databases: ProcLensDb[] = []
afterEach(async () => {
  for (const d of databases.splice(0)) {
    d.close()
    await d.delete()
  }
})

function freshDb(): ProcLensDb {
  const d = new ProcLensDb(`test-${Math.random()}`)
  databases.push(d)
  return d
}

async function exportAll(database: ProcLensDb, source: DatasetSource, root: string): Promise<{ text: string; problems: Problem[] }> {
  const problems: Problem[] = []
  const lines: string[] = []
  const scope = { client: new QueryClient(), database, root, source, identity: 'local:demo', indices: [0, 1, 2, 3, 4, 5, 6] }
  for await (const record of browserEpisodes(scope, problems)) lines.push(episodeRecordLine(record))
  return { text: lines.join(''), problems }
}

describe('records export and import between browser profiles', () => {
  it('export, import into a fresh database, export again: the same bytes (corrections, edit logs, reviews)', async () => {
    const store = createNodeFileStore('public/demo')
    const source = await openDataset(store)
    const root = registerLocalStore(store)
    const a = freshDb()
    // Profile A: episode 1 corrected (two edits, one undone), episode 2 flagged, episode 4 accepted as proposed.
    const proposal = (await exportAll(a, source, root)).text
    const [, one] = parseEpisodeRecords(proposal, new ProblemLog())
    const doc = one!.doc
    const moved = { ...doc, segments: doc.segments.map((s, i) => (i === 0 ? { ...s, end: s.end + 3 } : i === 1 ? { ...s, start: s.start + 3 } : s)) }
    const history = recordToHistory(moved, {
      past: [{ label: 'Move boundary', segments: doc.segments, outcome: doc.outcome }],
      future: [{ label: 'Set outcome', segments: moved.segments, outcome: { kind: 'not-done', cutoff: 0.6 } }],
      cap: 200,
    })
    await new HistorySaver(a, { dataset: 'local:demo', episode: 1 }, 'tab').save(history)
    await setReviewStatus(a, { dataset: 'local:demo', episode: 2, status: 'flagged', reason: 'occluded', reviewer: 'ana', at: 100 })
    await setReviewStatus(a, { dataset: 'local:demo', episode: 4, status: 'accepted', reviewer: 'ana', at: 200 })
    const exported = await exportAll(a, source, root)
    expect(exported.problems).toEqual([])
    expect(exported.text).not.toBe(proposal)

    const b = freshDb()
    const records: EpisodeRecord[] = parseEpisodeRecords(exported.text, new ProblemLog())
    const client = new QueryClient()
    const target = {
      identity: 'local:demo', datasetName: 'demo', episodeCount: 7,
      proposal: async (index: number) => (await client.fetchQuery(episodeAnnotationOptions(root, (await source.listEpisodes(index, index + 1))[0]!))).doc,
    }
    const result = await importRecords(b, target, records)
    expect(result).toEqual({ imported: 7, replaced: 0, problems: [] })
    expect((await exportAll(b, source, root)).text).toBe(exported.text)
    expect(await reviewStates(b, 'local:demo')).toEqual(await reviewStates(a, 'local:demo'))

    // Importing again replaces, and records of another dataset are refused by name.
    const again = await importRecords(b, target, [...records, { doc: { ...records[0]!.doc, dataset: 'other' } }])
    expect(again.imported).toBe(7)
    expect(again.replaced).toBe(1)
    expect(await b.heads.count()).toBe(1)
    expect(again.problems.map((p) => p.kind)).toEqual(['other-dataset'])
    expect((await exportAll(b, source, root)).text).toBe(exported.text)
  })
})
