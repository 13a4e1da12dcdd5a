/**
 * Following a link whose `?dataset=` is on another host, as a user does: the app asks first, and the user
 * presses "Open <host>".
 */
import type { Page } from '@playwright/test'

/** Goes to `/?dataset=<url>` (plus `rest`, e.g. `&episode=3`) and confirms opening the other host. */
export async function openDatasetLink(page: Page, url: string, rest = ''): Promise<void> {
  await page.goto(`/?dataset=${encodeURIComponent(url)}${rest}`)
  await page.getByRole('button', { name: `Open ${new URL(url).host}` }).click()
}
