// Every kind of bad dataset URL typed into the app (or given as ?dataset=) ends in a message that names the URL,
// says what went wrong as far as the browser can know, and what to do; the typed URL stays in the field.
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import type { LocalServer } from '../src/test/urlErrorServers'
import { refusedUrl, serve, serveFiles, serveHtml, serveStatus } from '../src/test/urlErrorServers'
import { DEMO_DIR } from './paths'
import { startStaticServer } from './staticServer'
import type { StaticServer } from './staticServer'
import { openDatasetLink } from './datasetLink'

let withCors: StaticServer
let withoutCors: StaticServer
let servers: LocalServer[] = []
const at: Record<'s401' | 's403' | 's500' | 'html' | 'predictions' | 'empty', string> = {
  s401: '', s403: '', s500: '', html: '', predictions: '', empty: '',
}
let refused = ''

test.beforeAll(async () => {
  withCors = await startStaticServer({ '/demo': DEMO_DIR })
  withoutCors = await startStaticServer({ '/demo': DEMO_DIR }, { cors: false })
  const started = {
    s401: await serveStatus(401), s403: await serveStatus(403), s500: await serveStatus(500), html: await serveHtml(),
    predictions: await serveFiles({ 'results/run_1.jsonl': '{"model_response": "<progress>40%</progress>"}\n' }),
    empty: await serveFiles({ 'elsewhere/meta/info.json': '{}' }),
  }
  servers = Object.values(started)
  for (const [key, server] of Object.entries(started)) at[key as keyof typeof at] = server.url
  refused = await refusedUrl()
})

test.afterAll(async () => {
  await Promise.all([withCors.close(), withoutCors.close(), ...servers.map((s) => s.close())])
})

async function open(page: Page, url: string): Promise<void> {
  await page.goto('/')
  await expect(page.getByTestId('dataset-label')).toHaveText('demo')
  await page.getByLabel('Dataset URL').fill(url)
  await page.getByRole('button', { name: 'Open URL' }).click()
}

async function expectError(page: Page, kind: string, ...texts: (string | RegExp)[]): Promise<void> {
  const alert = page.getByRole('alert')
  await expect(alert).toHaveAttribute('data-kind', kind, { timeout: 30_000 })
  for (const text of texts) await expect(alert).toContainText(text)
}

test.describe('a URL that is not one', () => {
  for (const [typed, texts] of [
    ['ftp://example.org/ds', ['"ftp://example.org/ds" uses ftp:', 'https://huggingface.co/datasets/<org>/<name>/resolve/main']],
    ['just-a-word', ['"just-a-word" is not a URL', 'http://127.0.0.1:8000/my_dataset']],
    ['example.org/data', ['has no scheme', 'Did you mean https://example.org/data?']],
  ] as const) {
    test(`${typed}: says so, with an example, and keeps what was typed`, async ({ page }) => {
      await open(page, typed)
      await expectError(page, 'malformed-url', 'Could not open this dataset: not a valid URL', ...texts)
      await expect(page.getByLabel('Dataset URL')).toHaveValue(typed)
      // The same text would fail the same way: only a corrected URL helps.
      await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0)
    })
  }
})

test.describe('no answer: the browser cannot tell a refused port from a name that does not resolve', () => {
  test('a refused port (opened, then closed)', async ({ page }) => {
    const url = `${refused}/demo`
    await open(page, url)
    const port = new URL(refused).port
    await expectError(page, 'unreachable', `No answer from 127.0.0.1:${port} for ${url}/`, `nothing is listening on port ${port}`,
      `curl -I ${url}/meta/info.json`, `proclens inspect ${url}/`)
    await expect(page.getByLabel('Dataset URL')).toHaveValue(url)
  })

  test('a host name under .invalid (RFC 6761)', async ({ page }) => {
    await open(page, 'http://proclens-test.invalid/demo')
    await expectError(page, 'unreachable', 'No answer from proclens-test.invalid:80', 'the host name does not resolve')
  })
})

test('the same dataset opens from a server with CORS headers, and names the header from one without', async ({ page }) => {
  await open(page, `${withCors.url}/demo`)
  await expect(page.getByRole('listbox', { name: 'Episodes' }).getByRole('option')).toHaveCount(7)
  await page.getByLabel('Dataset URL').fill(`${withoutCors.url}/demo`)
  await page.getByRole('button', { name: 'Open URL' }).click()
  await expectError(page, 'cors', 'Could not open this dataset: blocked by CORS', `${new URL(withoutCors.url).host} answered`,
    `${withoutCors.url}/demo/`, 'Access-Control-Allow-Origin: *', 'Access-Control-Allow-Headers: Range',
    'Access-Control-Expose-Headers: Content-Range, Content-Length', 'npx http-server <folder> --cors -p 8000')
})

test.describe('the server answers with a status', () => {
  for (const [key, kind, text] of [
    ['s401', 'unauthorized', '401 Unauthorized for meta/info.json of'],
    ['s403', 'forbidden', '403 Forbidden for meta/info.json of'],
    ['s500', 'server-error', '500 Internal Server Error for meta/info.json of'],
  ] as const) {
    test(`${kind}: the status, the file asked for and the URL`, async ({ page }) => {
      await open(page, `${at[key]}/ds`)
      await expectError(page, kind, `${text} ${at[key]}/ds/`)
    })
  }

  test('not-found: a wrong path says which file was asked for and what a root holds', async ({ page }) => {
    await open(page, `${at.empty}/wrong`)
    await expectError(page, 'not-found', `Nothing ProcLens can open at ${at.empty}/wrong/: meta/info.json answered 404 Not Found`,
      'Check that the URL is the dataset root')
  })

  test('a URL of meta/info.json itself suggests the dataset root', async ({ page }) => {
    await open(page, `${at.empty}/elsewhere/meta/info.json`)
    await expectError(page, 'not-found', `This URL is a file inside the dataset: try ${at.empty}/elsewhere/`)
  })
})

test.describe('the server answers, but not with a dataset', () => {
  test('a web page for every path', async ({ page }) => {
    await open(page, `${at.html}/datasets/x`)
    await expectError(page, 'not-a-dataset', `${at.html}/datasets/x/ answers with web pages`, 'meta/info.json came back as an HTML page')
  })

  test('a listed folder of predictions says what it holds', async ({ page }) => {
    await open(page, `${at.predictions}/`)
    await expectError(page, 'not-a-dataset', `${at.predictions}/: no dataset here: 1 prediction file (results/run_1.jsonl)`)
  })
})

test('a deep link to a bad URL shows the error and puts the URL in the field to correct it', async ({ page }) => {
  const url = `${at.s403}/private`
  await openDatasetLink(page, url)
  await expectError(page, 'forbidden', `403 Forbidden for meta/info.json of ${url}/`)
  await expect(page.getByLabel('Dataset URL')).toHaveValue(url)
})

test('"Try again" asks the server again', async ({ page }) => {
  let status = 503
  const flaky = await serve((_, res) => void res.writeHead(status, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/html' }).end('<p>hi'))
  try {
    await open(page, `${flaky.url}/ds`)
    await expectError(page, 'server-error', '503 Service Unavailable')
    status = 200
    await page.getByRole('button', { name: 'Try again' }).click()
    await expectError(page, 'not-a-dataset', 'answers with web pages')
  } finally {
    await flaky.close()
  }
})
