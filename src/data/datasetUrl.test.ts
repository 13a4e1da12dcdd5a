// Which typed URLs the app can fetch, what it says about the others, and the dataset root a near-miss URL means.
import { describe, expect, it } from 'vitest'
import { guessUrl, parseDatasetUrl, suggestedRoot } from './datasetUrl'
import { OpenError } from './openError'

const PAGE = 'http://127.0.0.1:5173/?episode=2'

function malformed(input: string, page?: string): OpenError {
  try {
    parseDatasetUrl(input, page)
  } catch (e) {
    if (e instanceof OpenError) return e
    throw e
  }
  throw new Error(`${input} parsed`)
}

describe('parseDatasetUrl', () => {
  it.each([
    ['https://huggingface.co/datasets/lerobot/pusht/resolve/main', 'https://huggingface.co/datasets/lerobot/pusht/resolve/main'],
    ['  http://127.0.0.1:8000/my_dataset  ', 'http://127.0.0.1:8000/my_dataset'],
    ['HTTP://EXAMPLE.ORG/ds', 'http://example.org/ds'],
    ['/demo', 'http://127.0.0.1:5173/demo'],
  ])('accepts %j', (input, href) => {
    expect(parseDatasetUrl(input, PAGE).href).toBe(href)
  })

  it.each<[string, string, string | undefined]>([
    ['', 'The dataset URL is empty.', undefined],
    ['   ', 'The dataset URL is empty.', undefined],
    ['just-a-word', '"just-a-word" is not a URL.', undefined],
    ['ftp://example.org/ds', '"ftp://example.org/ds" uses ftp:; datasets are read over http:// or https:// only.', undefined],
    ['file:///data/ds', '"file:///data/ds" uses file:; datasets are read over http:// or https:// only.', undefined],
    ['http://', '"http://" is not a URL.', undefined],
    ['https://exa mple.org/ds', '"https://exa mple.org/ds" is not a URL.', undefined],
    ['example.org/data', '"example.org/data" has no scheme (http:// or https://).', 'https://example.org/data'],
    ['localhost:8000/ds', '"localhost:8000/ds" has no scheme (http:// or https://).', 'http://localhost:8000/ds'],
    ['127.0.0.1:8000', '"127.0.0.1:8000" has no scheme (http:// or https://).', 'http://127.0.0.1:8000'],
  ])('refuses %j: %s', (input, headline, guess) => {
    const error = malformed(input, PAGE)
    expect(error.kind).toBe('malformed-url')
    expect(error.url).toBe(input)
    expect(error.headline).toBe(headline)
    expect(error.advice.at(-1)).toContain('e.g. `https://huggingface.co/datasets/<org>/<name>/resolve/main`')
    expect(error.advice.some((a) => a.includes('Did you mean'))).toBe(guess !== undefined)
    if (guess !== undefined) expect(error.advice[0]).toBe(`Did you mean \`${guess}\`?`)
  })

  it('takes a path for one on the page\'s origin only where there is a page (not in Node)', () => {
    expect(malformed('/demo').headline).toBe('"/demo" is not a URL.')
  })
})

describe('guessUrl', () => {
  it.each([
    ['example.org/x', 'https://example.org/x'],
    ['data.example.co.uk:8443/a/b', 'https://data.example.co.uk:8443/a/b'],
    ['localhost', 'http://localhost'],
    ['10.0.0.7/ds', 'http://10.0.0.7/ds'],
    ['my_dataset', undefined],
    ['./data/ds', undefined],
    ['/data/ds', undefined],
  ])('%j -> %j', (text, url) => {
    expect(guessUrl(text)).toBe(url)
  })
})

describe('suggestedRoot', () => {
  it.each([
    ['https://huggingface.co/datasets/lerobot/pusht', 'https://huggingface.co/datasets/lerobot/pusht/resolve/main', 'Hugging Face'],
    ['https://huggingface.co/datasets/lerobot/pusht/tree/v2.1/sub', 'https://huggingface.co/datasets/lerobot/pusht/resolve/v2.1/sub', 'Hugging Face'],
    ['https://huggingface.co/datasets/lerobot/pusht/blob/main/meta/info.json', 'https://huggingface.co/datasets/lerobot/pusht/resolve/main', 'Hugging Face'],
    ['https://hf.co/datasets/lerobot/pusht/viewer', 'https://huggingface.co/datasets/lerobot/pusht/resolve/main', 'Hugging Face'],
    ['https://huggingface.co/datasets/lerobot/pusht/resolve/main/meta/info.json', 'https://huggingface.co/datasets/lerobot/pusht/resolve/main/', 'a file inside'],
    ['https://github.com/org/repo', 'https://raw.githubusercontent.com/org/repo/HEAD', 'GitHub'],
    ['https://github.com/org/repo/tree/main/data/ds', 'https://raw.githubusercontent.com/org/repo/main/data/ds', 'GitHub'],
    ['https://github.com/org/repo/blob/dev/ds/meta/info.json', 'https://raw.githubusercontent.com/org/repo/dev/ds', 'GitHub'],
    ['http://127.0.0.1:8000/ds/meta/info.json', 'http://127.0.0.1:8000/ds/', 'a file inside'],
    ['http://127.0.0.1:8000/ds/meta/', 'http://127.0.0.1:8000/ds/', 'a file inside'],
  ])('%s -> %s', (url, root, given) => {
    expect(suggestedRoot(new URL(url))).toMatchObject({ root, given: expect.stringContaining(given) as unknown })
  })

  it.each([
    'https://huggingface.co/datasets/lerobot/pusht/resolve/main/',
    'https://huggingface.co/datasets/lerobot',
    'https://github.com/org/repo/issues',
    'https://raw.githubusercontent.com/org/repo/main/ds',
    'http://127.0.0.1:8000/ds/',
    'http://127.0.0.1:8000/',
  ])('none for %s', (url) => {
    expect(suggestedRoot(new URL(url))).toBeUndefined()
  })
})
