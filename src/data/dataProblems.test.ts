// The problem catalogue and docs/datasets.md's "Problems" table say the same thing: every kind, its severity and
// what the user can do, word for word.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { allDataProblemKinds, dataProblem, remedyOf, severityOf } from './dataProblems'

const docs = readFileSync(new URL('../../docs/datasets.md', import.meta.url), 'utf8')
const section = docs.slice(docs.indexOf('\n## Problems\n'), docs.indexOf('\n## ', docs.indexOf('\n## Problems\n') + 1))
const rows = [...section.matchAll(/^\| `([a-z0-9-]+)` \| (error|warning) \| (.+) \| (.+) \|$/gm)]
  .map(([, kind, severity, meaning, remedy]) => ({ kind, severity, meaning, remedy }))

describe('the problem catalogue', () => {
  it('gives every kind a remedy', () => {
    for (const kind of allDataProblemKinds()) expect(remedyOf(kind), kind).toMatch(/^[a-z].{5,}/)
  })

  it('is the table in docs/datasets.md: the same kinds, severities and remedies', () => {
    expect(rows.map((r) => r.kind).sort()).toEqual(allDataProblemKinds().sort())
    for (const row of rows) {
      const kind = row.kind as ReturnType<typeof allDataProblemKinds>[number]
      expect({ kind, severity: row.severity, remedy: row.remedy }).toEqual({ kind, severity: severityOf(kind), remedy: remedyOf(kind) })
    }
  })

  it('fills a problem with the catalogued remedy unless the caller has a more specific one', () => {
    expect(dataProblem('video-missing', 'cam: gone', { episode: 3 })).toEqual({
      severity: 'error', kind: 'video-missing', message: 'cam: gone', episode: 3, remedy: 'fetch the video',
    })
    expect(dataProblem('video-corrupt', 'x', {}, 'run `ffmpeg -i a.mp4 b.mp4` here').remedy).toBe('run `ffmpeg -i a.mp4 b.mp4` here')
  })
})
