// @vitest-environment jsdom
// "What to do" under a problem: backticked spans become code, a command gets its own line and a copy button.
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MessageList } from './MessageList'
import { Remedy } from './Remedy'

afterEach(cleanup)

describe('Remedy', () => {
  it('shows code spans as code and copies a command', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    render(<Remedy text="re-encode it: `ffmpeg -i a.mp4 b.mp4`. `-an` drops audio; see `meta/info.json`." />)
    const remedy = screen.getByTestId('remedy')
    // The ". " that ended the command's sentence does not start the line after it.
    expect(remedy.textContent).toBe('What to do: re-encode it: ffmpeg -i a.mp4 b.mp4Copy-an drops audio; see meta/info.json.')
    expect([...remedy.querySelectorAll('code')].map((c) => c.textContent)).toEqual(['ffmpeg -i a.mp4 b.mp4', '-an', 'meta/info.json'])
    expect(screen.getAllByRole('button')).toHaveLength(1)
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }))
    expect(writeText).toHaveBeenCalledWith('ffmpeg -i a.mp4 b.mp4')
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy()
  })

  it('is shown under each message that has one', () => {
    render(<MessageList messages={[
      { severity: 'warning', text: 'audio-track: cam has audio', remedy: 'none needed' },
      { severity: 'error', text: 'labels-unreadable: bad line' },
    ]} />)
    expect(screen.getAllByTestId('remedy').map((r) => r.textContent)).toEqual(['What to do: none needed'])
  })
})
