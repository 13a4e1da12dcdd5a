import { expect, test } from '@playwright/test'

// The episode browser as an annotator uses it: review status (kept in IndexedDB), filters, sorting, and
// moving through the list from the keyboard.
test('review status persists across reloads and filters the list; sort and keys move through it', async ({ page }) => {
  await page.goto('/')
  const list = page.getByRole('listbox', { name: 'Episodes' })
  const options = list.getByRole('option')
  await expect(options).toHaveCount(7)
  // The labels scan fills the outcome and presence columns.
  await expect(options.filter({ hasText: '#2' })).toContainText('labels')

  await options.filter({ hasText: '#2' }).click()
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000002')
  // F flags: the reason first, then (once) the reviewer's name.
  await page.keyboard.press('f')
  await page.getByTestId('review-prompt-input').fill('gripper hidden')
  await page.keyboard.press('Enter')
  await page.getByTestId('review-prompt-input').fill('Ana')
  await page.keyboard.press('Enter')
  await expect(options.filter({ hasText: '#2' })).toContainText('flagged')
  await expect(page.getByTestId('review-status')).toHaveAttribute('title', /flagged · by Ana · .* · reason: gripper hidden/)
  // The dialogs gave the keys back: the arrow steps a frame.
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('canvas[data-camera]').first()).toHaveAttribute('data-frame', '1')

  await page.getByLabel('Status', { exact: true }).selectOption('flagged')
  await expect(page.getByTestId('episode-count')).toContainText('1 shown')
  await expect(options).toHaveCount(1)

  await page.reload()
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000002')
  await expect(page.getByTestId('review-status')).toContainText('flagged')
  await expect(options.filter({ hasText: '#2' })).toContainText('flagged')

  await page.getByLabel('Labels', { exact: true }).selectOption('no')
  await expect(page.getByTestId('episode-count')).toContainText('0 shown')
  await expect(page.getByText('No episode matches these filters.')).toBeVisible()
  await page.getByLabel('Labels', { exact: true }).selectOption('any')

  await page.getByLabel('Sort', { exact: true }).selectOption('length-desc')
  await expect(options.first()).toContainText('#6')
  await expect(options.nth(1)).toContainText('#4')
  // Arrow keys in the list open the next episode in display order; n / p do the same from anywhere.
  await options.first().click()
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000006')
  await list.press('ArrowDown')
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000004')
  await page.locator('body').press('n')
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000002')
  await page.locator('body').press('p')
  await expect(page.getByTestId('episode-name')).toHaveText('episode_000004')
  await expect(page).toHaveURL(/episode=4/)
})

test('the help overlay lists the keys and closes with Escape', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('listbox', { name: 'Episodes' }).getByRole('option')).toHaveCount(7)
  await page.keyboard.press('?')
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(help).toBeVisible()
  await expect(help).toContainText('Previous segment boundary')
  await page.keyboard.press('Escape')
  await expect(help).toBeHidden()
})
