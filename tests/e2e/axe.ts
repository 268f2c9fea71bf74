// axe-core on every page an e2e test visits. Its source is injected into each
// page of the context before the app's scripts, and it runs after every load
// and every client-side navigation, and once more when the test ends. The
// test fails on any violation that is not explicitly allowed.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AxeResults } from 'axe-core'
import type { BrowserContext, Page } from 'playwright-core'

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

type Violation = { id: string; impact: string | null; help: string; targets: string[] }

export type AxeGuard = {
  /** Tolerate violations of `rule` on elements whose selector matches `target`, for a known problem recorded elsewhere. */
  allow(rule: string, target?: RegExp): void
  /** Runs axe on the page as it is now. */
  check(): Promise<void>
  /** Violations seen so far that were not allowed, one line each. */
  problems(): string[]
}

export async function watchAccessibility(context: BrowserContext, page: Page, { javaScriptEnabled = true } = {}): Promise<AxeGuard> {
  // axe is a script: a context with JavaScript turned off cannot run it (evaluating in it waits forever).
  if (!javaScriptEnabled) return { allow: () => {}, check: async () => {}, problems: () => [] }
  await context.addInitScript({ content: AXE_SOURCE })
  const seen = new Map<string, string>()
  const allowed: { rule: string; target?: RegExp }[] = []
  let running: Promise<void> = Promise.resolve()

  async function run() {
    const url = page.url()
    if (!url.startsWith('http')) return
    let violations: Violation[]
    try {
      await page.waitForLoadState('domcontentloaded')
      // Pages without JavaScript skip init scripts: inject the source there.
      if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
      violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe?: { run: (ctx: Document, opts: object) => Promise<Pick<AxeResults, 'violations'>> } }).axe
        if (!axe) return []
        const result = await axe.run(document, { resultTypes: ['violations'] })
        return result.violations.map((v) => ({
          id: v.id,
          impact: v.impact ?? null,
          help: v.help,
          targets: v.nodes.map((n) => n.target.map(String).join(' ')),
        }))
      })
    } catch {
      // The page moved on while axe ran: the next page is checked in its turn.
      return
    }
    for (const v of violations) {
      for (const target of v.targets) {
        if (allowed.some((a) => a.rule === v.id && (!a.target || a.target.test(target)))) continue
        const path = new URL(url).pathname
        seen.set(`${v.id} ${path} ${target}`, `axe ${v.id} (${v.impact}) at ${path}: ${v.help} — ${target}`)
      }
    }
  }

  const schedule = () => {
    running = running.then(run, run)
  }
  page.on('load', schedule)
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) schedule()
  })

  return {
    allow: (rule, target) => void allowed.push({ rule, target }),
    check: async () => {
      schedule()
      await running
    },
    problems: () => [...seen.values()],
  }
}
