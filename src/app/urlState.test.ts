import { describe, expect, it } from 'vitest'
import { DEMO_DATASET, foreignOrigin, formatPlace, parsePlace } from './urlState'

describe('deep links', () => {
  it.each([
    ['', { dataset: DEMO_DATASET, episode: undefined, frame: undefined }],
    ['?episode=3&frame=120', { dataset: DEMO_DATASET, episode: 3, frame: 120 }],
    ['?dataset=https%3A%2F%2Fexample.org%2Fds&episode=0', { dataset: 'https://example.org/ds', episode: 0, frame: undefined }],
    ['?dataset=/data/x&episode=-1&frame=abc', { dataset: '/data/x', episode: undefined, frame: undefined }],
    ['?dataset=%20&frame=7', { dataset: DEMO_DATASET, episode: undefined, frame: 7 }],
  ])('parses %s', (search, place) => {
    expect(parsePlace(search)).toEqual(place)
  })

  it.each([
    [{ dataset: DEMO_DATASET, episode: undefined, frame: undefined }, ''],
    [{ dataset: DEMO_DATASET, episode: 2, frame: 0 }, '?episode=2'],
    [{ dataset: 'https://h/x', episode: 1, frame: 9 }, '?dataset=https%3A%2F%2Fh%2Fx&episode=1&frame=9'],
  ])('formats %j', (place, search) => {
    expect(formatPlace(place)).toBe(search)
    expect(parsePlace(search)).toEqual({ ...place, frame: place.frame === 0 ? undefined : place.frame })
  })
})

describe('which links ask before opening', () => {
  const page = 'https://proclens.example/app/?dataset=x'
  it.each([
    [DEMO_DATASET, undefined],
    ['/data/x', undefined],
    ['https://proclens.example/data/x', undefined],
    ['local:1:my_folder', undefined],
    ['not a url', undefined],
    ['https://evil.example/ds', 'https://evil.example'],
    ['http://proclens.example/ds', 'http://proclens.example'],
    ['https://proclens.example:8443/ds', 'https://proclens.example:8443'],
    // Starts with / but is protocol-relative: another host.
    ['//evil.example/ds', 'https://evil.example'],
  ])('%s -> %s', (dataset, origin) => {
    expect(foreignOrigin(dataset, page)).toBe(origin)
  })
})
