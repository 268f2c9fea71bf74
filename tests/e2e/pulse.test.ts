import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { DEMO_PASSWORD } from '../../db/seed/logins'
import { httpStatusError, launchBrowser, openPage, PHONE, screenshotWidths } from './browser'

// Runs against the demo install, where the Insights pulse is open and the demo
// engineer has not answered it yet.
const demoUrl = inject('demoUrl')
let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('answering a pulse with JavaScript turned off', () => {
  test('a member answers on a phone, by keyboard and by tapping, exactly once', async () => {
    const { page, console: pageConsole } = await openPage(browser, demoUrl, PHONE, { javaScriptEnabled: false })
    // The incomplete submission below is answered with a 422, which chromium logs.
    pageConsole.allow(httpStatusError(422))
    await page.goto('/login')
    await page.getByLabel('Email').fill('engineer@tandem.demo')
    await page.getByLabel('Password').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByText('You have a pulse to answer').waitFor()
    await page.getByRole('link', { name: 'Answer the Insights pulse' }).click()
    await page.getByRole('heading', { name: 'Insights pulse' }).waitFor()
    const answerUrl = page.url()

    // Before answering: the discipline the answer counts under (from the roster, not a choice) and the round's thresholds.
    await page.getByText('Your answer counts under Engineering').waitFor()
    await page.getByText(/at least 5 people other than you/).waitFor()
    expect(await page.locator('input[name="discipline"]').count()).toBe(0)

    // The page ships no JavaScript at all, and links to the anonymity explanation. The document is
    // streamed: counting before it has all arrived would miss what is at its end.
    await page.waitForLoadState('load')
    expect(await page.locator('script').count()).toBe(0)
    await expect(page.getByRole('link', { name: 'How anonymity works' }).count()).resolves.toBe(1)

    const groups = page.locator('fieldset.scale').filter({ has: page.locator('input[type=radio][name^="item-"]') })
    const count = await groups.count()
    expect(count).toBeGreaterThanOrEqual(10)
    // Each scale shows its end labels.
    await expect(groups.first().getByText('Strongly disagree').count()).resolves.toBeGreaterThan(0)

    // Submitting with answers missing keeps what was chosen and says what is missing.
    await groups.nth(0).getByRole('radio', { name: 'Agree', exact: true }).check()
    await page.getByRole('button', { name: 'Submit my answers' }).click()
    await page.getByText('Some answers are missing or not valid').waitFor()
    expect(await groups.nth(0).getByRole('radio', { name: 'Agree', exact: true }).isChecked()).toBe(true)

    // The first question by keyboard alone: focus its radio group and move with the arrow keys.
    await groups.nth(1).getByRole('radio', { name: 'Strongly disagree' }).focus()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    expect(await groups.nth(1).getByRole('radio', { name: 'Somewhat disagree' }).isChecked()).toBe(true)

    for (let i = 2; i < count; i++) await groups.nth(i).getByRole('radio', { name: 'Somewhat agree' }).check()
    await page.getByLabel(/Anything else/).fill('Joining the user calls helps <b>a lot</b>.')
    await screenshotWidths(page, 'pulse-answer-filled')
    await page.getByRole('button', { name: 'Submit my answers' }).click()
    await page.getByText('Thank you, your answers are recorded.').waitFor()
    await screenshotWidths(page, 'pulse-answer-thanks')

    // Open the pulse again (signed-in pages are never cached, so Back reloads too): still one response, and a plain message.
    await page.goto(answerUrl)
    await page.getByText('You have already answered this pulse.').waitFor()
    expect(await page.getByRole('button', { name: 'Submit my answers' }).count()).toBe(0)
    await page.goto('/')
    expect(await page.getByText('You have a pulse to answer').count()).toBe(0)
  })
})
