// @vitest-environment jsdom
// The agreement page as a user meets it: pick two records files, read the table and the overall numbers, sort,
// change the tolerance, download the CSV.
import { cleanup, createEvent, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AGREEMENT_CSV_COLUMNS } from '@/core/agreement/agreementCsv'
import { AgreementView } from './AgreementView'
import { labelled, recordsText } from '@/test/agreementDocs'

const steps = (grasp: number) => [['Grasp the cup.', grasp], ['Lift the cup.', 60], ['Place the cup.', 90]] as const
// Episode 0 agrees; in episode 1 Bob's first boundary is 6 frames late (a miss at ±5); Ann alone has episode 2.
const annText = recordsText([0, 1, 2].map((i) => labelled({ episode: `episode_00000${i}`, steps: steps(30) })), 'Ann')
const bobText = recordsText([labelled({ episode: 'episode_000000', steps: steps(30) }), labelled({ episode: 'episode_000001', steps: steps(36) })])
const files = () => [new File([annText], 'ann.records.jsonl'), new File([bobText], 'bob.records.jsonl')]

/** The table's body as text, row by row. */
function rows(): string[][] {
  const table = screen.getByRole('table', { name: 'Agreement per episode' })
  return within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))
}

async function pickFiles() {
  render(<AgreementView />)
  fireEvent.change(screen.getByLabelText('Records files'), { target: { files: files() } })
  await screen.findByRole('table', { name: 'Agreement per episode' })
}

afterEach(cleanup)

describe('AgreementView', () => {
  // jsdom has no object URLs: this one keeps the blob the view hands over.
  const createObjectURL = vi.fn((_blob: Blob) => 'blob:agreement')
  beforeEach(() => {
    createObjectURL.mockClear()
    URL.createObjectURL = createObjectURL
    URL.revokeObjectURL = vi.fn()
  })

  it('asks for files until there are two', () => {
    render(<AgreementView />)
    expect(screen.getByText('Add two or more records files to compare.')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Download CSV' }).hasAttribute('disabled')).toBe(true)
  })

  it('shows each episode, worst boundary F1 first, and the overall numbers', async () => {
    await pickFiles()
    expect(within(screen.getByRole('list', { name: 'Annotators' })).getAllByRole('listitem').map((li) => li.firstChild?.textContent))
      .toEqual(['Ann', 'bob.records.jsonl'])
    expect(rows()).toEqual([
      ['episode_000001', '100', '1', '0.667', '94.0%', '4.4 pp', '6.7 pp', 'agree', '0'],
      ['episode_000000', '100', '1', '1.000', '100.0%', '0.0 pp', '0.0 pp', 'agree', '0'],
    ])
    const overall = screen.getByLabelText('Overall agreement')
    expect(within(overall).getByText('Boundary F1').nextSibling?.textContent).toBe('0.833')
    expect(within(overall).getByText('Labels').nextSibling?.textContent).toBe('97.0%')
    // Ann's third episode has no partner.
    expect(screen.getByText(/unmatched-episode: only Ann labelled this episode/)).toBeTruthy()
  })

  it('sorts by any column, worst first, then the other way round', async () => {
    await pickFiles()
    const header = (name: string) => screen.getByRole('button', { name: new RegExp(`^${name}`) })
    fireEvent.click(header('Episode'))
    expect(rows().map((r) => r[0])).toEqual(['episode_000000', 'episode_000001'])
    expect(header('Episode').closest('th')?.getAttribute('aria-sort')).toBe('ascending')
    fireEvent.click(header('Episode'))
    expect(rows().map((r) => r[0])).toEqual(['episode_000001', 'episode_000000'])
    expect(header('Episode').closest('th')?.getAttribute('aria-sort')).toBe('descending')
    fireEvent.click(header('Episode'))
    fireEvent.click(header('Budget Δ max'))
    expect(rows().map((r) => r[0])).toEqual(['episode_000001', 'episode_000000'])
    expect(header('Budget Δ max').closest('th')?.getAttribute('aria-sort')).toBe('descending')
  })

  it('recomputes with another tolerance', async () => {
    await pickFiles()
    fireEvent.change(screen.getByLabelText('Tolerance in frames'), { target: { value: '6' } })
    expect(rows().map((r) => r[3])).toEqual(['1.000', '1.000'])
  })

  it('downloads the CSV of what the table shows', async () => {
    await pickFiles()
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }))
    expect(click).toHaveBeenCalledOnce()
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('agreement.csv')
    const blob = createObjectURL.mock.calls[0]![0]
    const lines = (await blob.text()).split('\r\n')
    expect(lines[0]).toBe(AGREEMENT_CSV_COLUMNS.join(','))
    expect(lines.slice(1, 3).map((l) => l.split(',').slice(0, 6))).toEqual([
      ['demo', 'episode_000000', '100', 'Ann', 'bob.records.jsonl', '1'],
      ['demo', 'episode_000001', '100', 'Ann', 'bob.records.jsonl', '0.666667'],
    ])
  })

  it('takes dropped files, and keeps a drop from reaching the page around', async () => {
    const onPageDrop = vi.fn()
    render(<div onDrop={onPageDrop}><AgreementView /></div>)
    const zone = screen.getByTestId('records-drop')
    const drop = createEvent.drop(zone, { dataTransfer: { files: files(), types: ['Files'] } })
    fireEvent(zone, drop)
    await screen.findByRole('table', { name: 'Agreement per episode' })
    expect(rows()).toHaveLength(2)
    expect(onPageDrop).not.toHaveBeenCalled()
  })

  it('removes a file with its button', async () => {
    await pickFiles()
    fireEvent.click(screen.getByRole('button', { name: 'Remove bob.records.jsonl' }))
    await waitFor(() => expect(screen.queryByRole('table')).toBeNull())
    expect(screen.getByText('Add one more annotator\'s records file to compare.')).toBeTruthy()
  })
})
