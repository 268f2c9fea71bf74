import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { onTestFinished } from 'vitest'
import { DEMO_PASSWORD } from '../../db/seed/logins'
import { watchAccessibility, type AxeGuard } from './axe'

export const DESKTOP = { width: 1280, height: 800 } as const
export const PHONE = { width: 390, height: 844 } as const

const SCREENSHOT_DIR = path.resolve('test-results/screenshots')

/** Debian's chromium, headless; playwright-core gives each launch a fresh user-data-dir. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export type ConsoleGuard = {
  /** Tolerate console errors matching `pattern`, such as the one chromium logs for an expected 403 document. */
  allow(pattern: RegExp): void
  /** Problems seen so far that were not allowed. */
  problems(): string[]
}

/** Records every `console.error` and uncaught page error. */
function watchConsole(page: Page): ConsoleGuard {
  const seen: string[] = []
  const allowed: RegExp[] = []
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    const location = message.location()
    seen.push(`console.error at ${location.url || page.url()}: ${message.text()}`)
  })
  page.on('pageerror', (error) => {
    seen.push(`pageerror at ${page.url()}: ${error.stack ?? error.message}`)
  })
  return {
    allow: (pattern) => void allowed.push(pattern),
    problems: () => seen.filter((line) => !allowed.some((re) => re.test(line))),
  }
}

/** Chromium's console line for a response with this status: "Failed to load resource: … status of 403 (Forbidden)". */
export function httpStatusError(status: number) {
  return new RegExp(`Failed to load resource: the server responded with a status of ${status}\\b`)
}

/**
 * A page in its own browser context (its own cookies), for use inside a test.
 * When the test finishes the context closes, and the test fails if the page
 * logged a console error or threw one that was not explicitly allowed, or if
 * axe-core found an accessibility violation on any page it visited (./axe).
 */
export async function openPage(
  browser: Browser,
  baseURL: string,
  viewport: { width: number; height: number } = DESKTOP,
  { javaScriptEnabled = true }: { javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; console: ConsoleGuard; axe: AxeGuard }> {
  const context = await browser.newContext({ baseURL, viewport, javaScriptEnabled })
  context.setDefaultTimeout(30_000)
  context.setDefaultNavigationTimeout(30_000)
  const page = await context.newPage()
  const guard = watchConsole(page)
  const axe = await watchAccessibility(context, page, { javaScriptEnabled })
  onTestFinished(async () => {
    // The page as the test left it is checked too, then every page seen fails the test if axe found a violation.
    await axe.check().catch(() => {})
    await context.close()
    const problems = [...guard.problems(), ...axe.problems()]
    if (problems.length) throw new Error(`The page reported errors:\n${problems.join('\n')}`)
  })
  return { context, page, console: guard, axe }
}

/** Saves a full-page screenshot to test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
}

/** The same page at desktop (1280) and phone (390) widths: <name>-1280.png and <name>-390.png. */
export async function screenshotWidths(page: Page, name: string) {
  const original = page.viewportSize() ?? DESKTOP
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size)
    await screenshot(page, `${name}-${size.width}`)
  }
  await page.setViewportSize(original)
}

/** Signs a demo person in through the sign-in page and waits for the home page. */
export async function signInAsDemo(page: Page, email: string) {
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor()
}
