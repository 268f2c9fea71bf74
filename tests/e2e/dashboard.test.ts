import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { DEMO_PASSWORD } from '../../db/seed/logins'
import { DESKTOP, launchBrowser, openPage, screenshot, screenshotWidths } from './browser'

// The leader's view of the demo install: a year of pulses, forty features and
// ten autopsies across five teams.
const demoUrl = inject('demoUrl')
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** Every recharts surface on the page has drawn marks: lines with a path, bars or dots with a size. */
async function drawnCharts(page: Page) {
  return page.locator('svg.recharts-surface').evaluateAll((svgs) =>
    svgs.map((svg) => {
      const paths = [...svg.querySelectorAll('path.recharts-curve, path.recharts-rectangle, path.recharts-symbols')]
      const marks = paths.filter((p) => {
        const box = (p as SVGGraphicsElement).getBBox()
        return (p.getAttribute('d') ?? '').length > 10 && (box.width > 0 || box.height > 0)
      })
      return marks.length
    }),
  )
}

describe('the leader dashboard on demo data', () => {
  test('opens, filters, downloads CSV, previews the digest, with charts that are drawn', async () => {
    const { page } = await openPage(browser, demoUrl, DESKTOP)
    await page.goto('/login')
    await page.getByLabel('Email').fill('leader@tandem.demo')
    await page.getByLabel('Password').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL((url) => url.pathname === '/')
    await page.getByRole('link', { name: 'Dashboard' }).click()
    await page.getByRole('heading', { name: '1. Respect Index over time' }).waitFor()
    for (const name of [
      '2. Where each team stands',
      '3. Where features fail',
      '4. Leading indicators',
      '6. Respect first',
      '7. Did it work?',
    ]) {
      await page.getByRole('heading', { name }).waitFor()
    }
    // The founding story at first glance: Growth, in deficit, has process actions likely to be theater.
    await expect(
      page
        .locator('section', { has: page.getByRole('heading', { name: '6. Respect first' }) })
        .getByText('Growth')
        .count(),
    ).resolves.toBeGreaterThan(0)

    const charts = await drawnCharts(page)
    expect(charts.length).toBeGreaterThanOrEqual(4)
    expect(charts.filter((marks) => marks > 0).length).toBeGreaterThanOrEqual(4)
    const firstChart = await page.locator('.recharts-wrapper').first().screenshot()
    // A blank box compresses to almost nothing; a drawn chart does not.
    expect(firstChart.byteLength).toBeGreaterThan(8_000)
    await screenshotWidths(page, 'dashboard-default')

    // Filters are a GET form: quarters, without Mobile, engineering only.
    await page.getByLabel('Per', { exact: true }).selectOption('quarter')
    await page.getByRole('checkbox', { name: 'Mobile' }).uncheck()
    await page.getByRole('button', { name: 'Show' }).click()
    await page.waitForURL((url) => url.searchParams.get('period') === 'quarter')
    const url = new URL(page.url())
    expect(url.searchParams.getAll('team').length).toBe(4)
    await page.getByRole('heading', { name: '1. Respect Index over time' }).waitFor()
    expect((await drawnCharts(page)).filter((m) => m > 0).length).toBeGreaterThanOrEqual(3)
    await page.getByLabel('Discipline', { exact: true }).selectOption('engineering')
    await page.getByRole('button', { name: 'Show' }).click()
    await page.waitForURL((u) => u.searchParams.get('discipline') === 'engineering')
    await screenshot(page, 'dashboard-filtered-1280')

    // The CSV behind the first chart, with the same filters.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('link', { name: /Download CSV/ })
        .first()
        .click(),
    ])
    const csv = readFileSync((await download.path()) ?? '', 'utf8')
    const lines = csv.trim().split(/\r\n/)
    expect(lines.length).toBeGreaterThan(1)
    expect(lines[0].toLowerCase()).toMatch(/team/)
    expect(download.suggestedFilename()).toMatch(/^tandem-.*\.csv$/)

    // The weekly digest preview: exactly three numbers.
    await page.getByRole('link', { name: 'Digest', exact: true }).click()
    await page.waitForURL((u) => u.pathname === '/digest')
    await page.locator('.digest-number').first().waitFor()
    expect(await page.locator('.digest-number').count()).toBe(3)
    await expect(page.getByText(/engineering involved before the spec/i).count()).resolves.toBeGreaterThan(0)
    await expect(page.getByText(/shipped differently without anyone upset/i).count()).resolves.toBeGreaterThan(0)
    await screenshotWidths(page, 'digest-preview')
  })
})
