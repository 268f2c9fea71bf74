import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { DEMO_LOGINS } from '../../db/seed/logins'
import { launchBrowser, openPage, screenshotWidths, signInAsDemo } from './browser'

// Runs against the demo install. Growth is in respect deficit, and its
// current round is open with some answers; its engineer has not answered yet.
const demoUrl = inject('demoUrl')
const FACILITATOR = 'growth-pm@tandem.demo'
const ENGINEER = 'growth-eng@tandem.demo'
const ENGINEER_NAME = DEMO_LOGINS[5].name
const USER_CALLS = 'An engineer joins the next three user calls'
const PROBLEMS_FIRST = 'Product shares problem statements before solutions for a month'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function adopt(page: Page, title: string, owner: string | RegExp) {
  const practice = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) })
  await practice.locator('summary').click()
  const form = page.getByRole('form', { name: title })
  const select = form.getByLabel('Owner')
  const options = await select.locator('option').allTextContents()
  const label = options.find((o) => (typeof owner === 'string' ? o === owner : owner.test(o)))
  expect(label).toBeDefined()
  await select.selectOption({ label: label ?? '' })
  await form.getByRole('button', { name: 'Adopt this practice' }).click()
  await page.getByText(`Adopted: ${title}.`, { exact: false }).first().waitFor()
}

describe('a respect plan on a team in deficit', () => {
  test('open a plan from the results, adopt two respect actions, close the next round, read the measured effect; the owner is notified', async () => {
    const { page } = await openPage(browser, demoUrl)
    await signInAsDemo(page, FACILITATOR)
    await page.getByRole('link', { name: 'Growth', exact: true }).click()
    await page.getByRole('link', { name: 'Pulse results' }).click()
    await page.getByRole('heading', { name: 'This team is in respect deficit' }).waitFor()
    await screenshotWidths(page, 'plan-pulse-entry')

    // The deficit banner carries the entry point; keyboard only.
    const start = page.getByRole('button', { name: 'Start a respect plan' })
    await start.focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Respect plan' }).waitFor()
    await page.getByRole('heading', { name: /Respect first: This team is in respect deficit/ }).waitFor()
    await page.getByText('This plan has no respect action yet.', { exact: false }).waitFor()
    const prompts = page.getByRole('region', { name: 'Conversation prompts' }).getByRole('listitem')
    expect(await prompts.count()).toBeGreaterThanOrEqual(2)
    await screenshotWidths(page, 'plan-new')

    // The engineer owns the first practice, the facilitator the second.
    await adopt(page, USER_CALLS, ENGINEER_NAME)
    await adopt(page, PROBLEMS_FIRST, DEMO_LOGINS[4].name)
    await page.getByText('Actions in this plan: 2').waitFor()
    await page.getByText('✓ This plan has at least one respect action.').waitFor()
    await page
      .getByText(/no visible round has closed since this started/)
      .first()
      .waitFor()
    const planUrl = page.url().replace(/#.*$/, '')

    // A process action is flagged by the same rule as in autopsies.
    await page.getByRole('radio', { name: /^Process/ }).check()
    await page.getByLabel('What will happen').fill('A definition-of-ready checklist on every ticket')
    await page.locator('#custom-owner').selectOption({ index: 1 })
    await page.getByRole('button', { name: 'Add action' }).click()
    await page.getByText('Action added.', { exact: false }).first().waitFor()
    await page.getByRole('note').filter({ hasText: 'Process change on a respect deficit: likely theater' }).first().waitFor()

    // The assignee is told, in the app.
    const engineer = await openPage(browser, demoUrl)
    await signInAsDemo(engineer.page, ENGINEER)
    await engineer.page.goto('/notifications')
    await engineer.page.getByText('An action is yours', { exact: false }).first().waitFor()
    await engineer.page.getByText(USER_CALLS, { exact: false }).first().waitFor()
    await screenshotWidths(engineer.page, 'plan-notification')

    // The team answers the next round: the engineer answers, the facilitator closes it.
    await engineer.page.goto('/')
    await engineer.page.getByRole('link', { name: 'Answer the Growth pulse' }).click()
    await engineer.page.getByRole('button', { name: 'Submit my answers' }).waitFor()
    const groups = engineer.page.locator('fieldset.scale').filter({ has: engineer.page.locator('input[type=radio][name^="item-"]') })
    const count = await groups.count()
    expect(count).toBeGreaterThanOrEqual(10)
    for (let i = 0; i < count; i++) await groups.nth(i).getByRole('radio', { name: 'Agree', exact: true }).check()
    await engineer.page.getByRole('button', { name: 'Submit my answers' }).click()
    await engineer.page.getByText('Thank you, your answers are recorded.').waitFor()

    await page.getByRole('link', { name: 'Rounds' }).click()
    await page.getByRole('button', { name: 'Close now' }).first().click()
    await page.getByText('Round closed. Results are on the Pulse tab.').waitFor()

    // The next results review the open actions, and the plan shows each action's measured effect.
    await page.getByRole('link', { name: 'Pulse results' }).click()
    await page.getByRole('heading', { name: 'How did it go?' }).waitFor()
    await page.getByRole('region', { name: 'How did it go?' }).getByText(USER_CALLS).waitFor()
    await screenshotWidths(page, 'plan-review')
    await page.goto(planUrl)
    const effect = page.locator(`li:has-text("${USER_CALLS}") .effect`)
    await expect(effect.textContent()).resolves.toMatch(/went from \d+ to \d+ \([+−±]\d+ points\) over 1 round since this started/)
    await expect(effect.textContent()).resolves.toMatch(/usual movement|Not enough earlier rounds/)
    await screenshotWidths(page, 'plan-effect')
  })
})
