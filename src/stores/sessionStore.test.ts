import { describe, expect, it } from 'vitest'
import { createSessionStore, relativeEpisode } from './sessionStore'

describe('sessionStore', () => {
  it.each([
    [undefined, 5, 2, 1, 3],
    [undefined, 5, 4, 1, undefined],
    [undefined, 5, 0, -1, undefined],
    [[7, 3, 9], 3, 3, 1, 9],
    [[7, 3, 9], 3, 3, -1, 7],
    [[7, 3, 9], 3, 9, 1, undefined],
    [[7, 3, 9], 3, 4, 1, 7], // the open episode is filtered out: next is the list's first
  ] as const)('order %j (count %i): from %i by %i -> %s', (order, count, current, delta, next) => {
    expect(relativeEpisode({ listOrder: order, listCount: count }, current, delta)).toBe(next)
  })

  // A partly downloaded dataset: episodes 0, 1, 4, 5 and 8 have none of their files.
  const missing = (i: number): boolean => [0, 1, 4, 5, 8].includes(i)
  it.each([
    [undefined, 10, 3, 1, 6],
    [undefined, 10, 6, -1, 3],
    [undefined, 10, 3, -1, 2],
    [undefined, 10, 2, -1, undefined],
    [undefined, 10, 7, 1, 9],
    [undefined, 10, 9, 1, undefined],
    [undefined, 10, 2, 3, 7],
    [undefined, 10, 0, 1, 2], // a deep link into a missing episode: next is the next present one
    [[8, 5, 9, 4, 2], 5, 9, 1, 2],
    [[8, 5, 9, 4, 2], 5, 9, -1, undefined],
  ] as const)('skipping missing episodes, order %j (count %i): from %i by %i -> %s', (order, count, current, delta, next) => {
    expect(relativeEpisode({ listOrder: order, listCount: count, isMissing: missing }, current, delta)).toBe(next)
  })

  it('next and previous follow the list order the list published; a new dataset forgets it', () => {
    const store = createSessionStore({ root: '/demo', episode: 3, frame: 120 })
    expect(store.getState()).toMatchObject({ episode: 3, startFrame: 120 })
    store.getState().setListOrder([5, 3, 1], 3)
    store.getState().openRelative(1)
    expect(store.getState()).toMatchObject({ episode: 1, startFrame: undefined })
    store.getState().openRelative(1)
    expect(store.getState().episode).toBe(1)
    store.getState().setListOrder(undefined, 6, (i) => i === 2)
    store.getState().openRelative(1)
    expect(store.getState().episode).toBe(3)
    store.getState().openDataset('https://example.org/other')
    expect(store.getState()).toMatchObject({ root: 'https://example.org/other', episode: undefined, listOrder: undefined })
    expect(store.getState().isMissing(2)).toBe(false)
  })

  it('toggles the help overlay; Escape closes it', () => {
    const store = createSessionStore({ root: '/demo' })
    store.getState().toggleOverlay('help')
    expect(store.getState().overlay).toBe('help')
    store.getState().closeOverlays()
    expect(store.getState().overlay).toBeUndefined()
  })
})
