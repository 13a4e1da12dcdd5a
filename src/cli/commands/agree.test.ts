import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { AgreementReport } from '../../core/agreement'
import { AGREEMENT_CSV_COLUMNS } from '../../core/agreement/agreementCsv'
import { captureConsole } from '../../test/captureConsole'
import { main } from '../main'
import { labelled, recordsText, THREE_STEPS } from '@/test/agreementDocs'

const dir = mkdtempSync(join(tmpdir(), 'proclens-agree-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function write(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

const { stdout, stderr } = captureConsole()

const ep = (episode: string, grasp = 30) => labelled({ episode, steps: [['Grasp the cup.', grasp], ['Lift the cup.', 60], ['Place the cup.', 90]] })
// Bob moves episode 1's first boundary by 6 frames: a miss at ±5, a hit at ±6. Only Ann labelled episode 2.
const ann = write('ann.records.jsonl', recordsText([ep('episode_000000'), ep('episode_000001'), ep('episode_000002')]))
const bob = write('bob.records.jsonl', recordsText([ep('episode_000000'), ep('episode_000001', 36)], 'Bob'))

describe('proclens agree', () => {
  it('prints the report as JSON: episodes, overall, unmatched; annotators named by reviewer, else file', async () => {
    expect(await main(['agree', ann, bob, '--json'])).toBe(0)
    const json = JSON.parse(stdout()) as AgreementReport
    expect(json.annotators).toEqual(['ann.records.jsonl', 'Bob'])
    expect(json.tolerance).toBe(5)
    expect(json.episodes.map((e) => [e.episode, e.boundaryF1])).toEqual([['episode_000000', 1], ['episode_000001', 4 / 6]])
    // 3 + 2 matched, 2 unmatched: 10 / 12.
    expect(json.overall?.boundaryF1).toBeCloseTo(10 / 12, 12)
    expect(json.overall?.labelAgreement).toBeCloseTo(194 / 200, 12)
    expect(json.unmatched).toEqual([{ dataset: 'demo', episode: 'episode_000002', annotator: 'ann.records.jsonl' }])
    expect(json.problems).toMatchObject([{ severity: 'warning', kind: 'unmatched-episode', episode: 'episode_000002' }])
    expect(stderr()).toContain('unmatched-episode')
  })

  it('--tolerance 6 counts the 6-frame move as a hit', async () => {
    expect(await main(['agree', ann, bob, '--json', '--tolerance', '6'])).toBe(0)
    const json = JSON.parse(stdout()) as AgreementReport
    expect(json.episodes.map((e) => e.boundaryF1)).toEqual([1, 1])
  })

  it('prints a readable table without --json', async () => {
    expect(await main(['agree', ann, bob])).toBe(0)
    const lines = stdout().split('\n')
    expect(lines[0]).toBe('ann.records.jsonl · Bob, boundaries within ±5 frames')
    expect(lines[2]).toMatch(/^episode\s+frames\s+BF1\s+labels\s+budgetΔ\s+budgetΔmax\s+outcome\s+outcomes$/)
    expect(lines[3]).toMatch(/^episode_000000\s+100\s+1\.0000\s+1\.0000\s+0\.0000\s+0\.0000\s+1\.0000\s+done\/done$/)
    expect(lines[4]).toMatch(/^episode_000001\s+100\s+0\.6667\s+0\.9400\s+0\.0444\s+0\.0667\s+1\.0000\s+done\/done$/)
    expect(lines[6]).toMatch(/^overall \(2\)\s+0\.8333\s+0\.9700\s+0\.0222\s+0\.0667\s+1\.0000$/)
  })

  it('adds a pairs column for three annotators', async () => {
    const cy = write('cy.jsonl', recordsText([ep('episode_000000', 31)]))
    expect(await main(['agree', ann, bob, cy])).toBe(0)
    expect(stdout().split('\n')[2]).toMatch(/^episode\s+frames\s+pairs\s+BF1/)
    expect(stdout()).toMatch(/episode_000000\s+100\s+3\s+1\.0000/)
  })

  it('writes the CSV with --csv', async () => {
    const out = join(dir, 'agreement.csv')
    expect(await main(['agree', ann, bob, '--csv', out])).toBe(0)
    const lines = readFileSync(out, 'utf8').split('\r\n')
    expect(lines[0]).toBe(AGREEMENT_CSV_COLUMNS.join(','))
    expect(lines.slice(1, 3).map((l) => l.split(',').slice(0, 6))).toEqual([
      ['demo', 'episode_000000', '100', 'ann.records.jsonl', 'Bob', '1'],
      ['demo', 'episode_000001', '100', 'ann.records.jsonl', 'Bob', '0.666667'],
    ])
    expect(lines[3]).toBe('')
    expect(stderr()).toContain(`wrote 2 row(s) to ${out}`)
  })

  it('exits 1 when the CSV cannot be written, still printing the comparison', async () => {
    expect(await main(['agree', ann, bob, '--json', '--csv', join(dir, 'no-such-folder', 'out.csv')])).toBe(1)
    const json = JSON.parse(stdout()) as AgreementReport
    expect(json.episodes).toHaveLength(2)
    expect(json.problems.map((p) => [p.severity, p.kind])).toContainEqual(['error', 'file-not-writable'])
    expect(stderr()).not.toContain('wrote')
  })

  it('exits 1 when an input has errors, still comparing what could be read', async () => {
    const lines = recordsText([ep('episode_000000'), ep('episode_000001')]).split('\n')
    const broken = write('broken.jsonl', [lines[0], '{"format": "nope"}', lines[1]].join('\n'))
    expect(await main(['agree', broken, bob, '--json'])).toBe(1)
    const json = JSON.parse(stdout()) as AgreementReport
    expect(json.episodes.map((e) => e.episode)).toEqual(['episode_000000', 'episode_000001'])
    expect(json.problems).toMatchObject([{ severity: 'error', kind: 'not-a-record', file: broken, line: 2 }])
    expect(stderr()).toContain(`${broken}:2 error not-a-record`)
  })

  it('exits 1 when a file cannot be read or nothing can be compared', async () => {
    expect(await main(['agree', join(dir, 'missing.jsonl'), bob, '--json'])).toBe(1)
    const json = JSON.parse(stdout()) as AgreementReport
    // Bob's episodes have no partner left.
    expect(json.problems.map((p) => p.kind)).toEqual(['file-not-readable', 'unmatched-episode', 'unmatched-episode', 'no-episodes'])
  })

  it('reports a frame-count mismatch as a warning naming the episode, and skips it', async () => {
    const longer = write('longer.jsonl', recordsText([labelled({ episode: 'episode_000000', frameCount: 120, steps: THREE_STEPS }), ep('episode_000001')]))
    expect(await main(['agree', ann, longer, '--json'])).toBe(0)
    const json = JSON.parse(stdout()) as AgreementReport
    expect(json.skipped).toEqual([{ dataset: 'demo', episode: 'episode_000000' }])
    expect(json.episodes.map((e) => e.episode)).toEqual(['episode_000001'])
    expect(json.problems).toContainEqual(expect.objectContaining({ severity: 'warning', kind: 'frame-count-mismatch', episode: 'episode_000000' }))
  })

  it.each([
    [['agree', 'a.jsonl']],
    [['agree', 'a.jsonl', 'b.jsonl', '--tolerance', '-1']],
    [['agree', 'a.jsonl', 'b.jsonl', '--tolerance', '2.5']],
    [['agree', 'a.jsonl', 'b.jsonl', '--tolerance', '']],
    [['agree', 'a.jsonl', 'b.jsonl', '--bogus']],
  ])('usage error (exit 2): %j', async (argv) => {
    expect(await main(argv)).toBe(2)
    expect(stderr()).toContain('Usage: proclens agree')
  })
})
