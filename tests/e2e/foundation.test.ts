import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { httpStatusError, launchBrowser, openPage, PHONE, screenshotWidths } from './browser'

// One install, walked through in order: the first test onboards it, the
// later ones sign in to the workspace it created.
const baseUrl = inject('baseUrl')
const owner = { name: 'Olivia Owner', email: 'olivia@example.com', password: 'owner-password-123' }
const invitee = { name: 'Dev Patel', email: 'dev@example.com', password: 'invitee-password-123' }

// expect.poll gives up after 1 s by default; a sign-up (scrypt, several writes) can take longer.
const until = { timeout: 30_000, interval: 100 }

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/login')
  await page.getByLabel('Email').fill(who.email)
  await page.getByLabel('Password').fill(who.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

function atPath(page: Page, pathname: string) {
  return page.waitForURL((url) => url.pathname === pathname)
}

async function createTeam(page: Page, name: string) {
  await page.goto('/teams')
  await page.getByLabel('New team name').fill(name)
  await page.getByRole('button', { name: 'Create team' }).click()
  await page.getByRole('heading', { level: 1, name }).waitFor()
  const id = new URL(page.url()).pathname.split('/')[2]
  expect(id).toMatch(/^[0-9a-f-]{36}$/)
  return id
}

describe.sequential('foundation', () => {
  test('onboarding, a team, an invitation accepted in another browser, sign out and in, and what a member may not see', async () => {
    const admin = await openPage(browser, baseUrl)
    const { page } = admin

    // An empty install sends everyone to onboarding.
    await page.goto('/')
    await atPath(page, '/onboarding')
    await page.getByRole('heading', { level: 1, name: 'Set up Tandem' }).waitFor()
    await screenshotWidths(page, '01-onboarding')

    await page.getByLabel('Workspace name').fill('Acme')
    await page.getByLabel('Your name').fill(owner.name)
    await page.getByLabel('Email').fill(owner.email)
    await page.getByLabel('Password').fill(owner.password)
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await atPath(page, '/teams')
    await page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor()

    // Onboarding is closed once the workspace exists.
    await page.goto('/onboarding')
    await page.waitForURL((url) => url.pathname !== '/onboarding')

    const checkoutId = await createTeam(page, 'Checkout')
    await expect.poll(() => page.getByRole('status').textContent(), until).toContain('Team "Checkout" created')
    await screenshotWidths(page, '02-team-created')
    const platformId = await createTeam(page, 'Platform')

    // The admin invites an engineer to Checkout and gets a link to pass on.
    await page.goto('/admin/people')
    const inviteForm = page.getByRole('form', { name: 'Invite someone' })
    await inviteForm.getByLabel('Email', { exact: true }).fill(invitee.email)
    await inviteForm.getByLabel('Team', { exact: true }).selectOption({ label: 'Checkout' })
    await inviteForm.getByLabel('Discipline', { exact: true }).selectOption({ label: 'Engineering' })
    await inviteForm.getByLabel('Role', { exact: true }).selectOption({ label: 'Member' })
    await inviteForm.getByRole('button', { name: 'Create invitation' }).click()
    await expect.poll(() => readJoinLink(page), until).toContain('/join/')
    const joinLink = await readJoinLink(page)
    await screenshotWidths(page, '03-invite-link')

    // The invitee opens it in a different browser context: separate cookies.
    const guest = await openPage(browser, baseUrl, PHONE)
    const other = guest.page
    await other.goto(joinLink)
    await other.getByRole('heading', { level: 1, name: 'Join Checkout' }).waitFor()
    await other.getByText(invitee.email).waitFor()
    await screenshotWidths(other, '04-join')
    await other.getByLabel('Your name').fill(invitee.name)
    await other.getByLabel('Choose a password').fill(invitee.password)
    await other.getByRole('button', { name: 'Create account and join' }).click()
    await other.getByRole('heading', { level: 1, name: `Hello, ${invitee.name}` }).waitFor()
    await other.getByRole('link', { name: 'Checkout' }).waitFor()
    await expect(other.getByRole('link', { name: 'People' }).count()).resolves.toBe(0)
    await screenshotWidths(other, '05-invitee-home')

    // The link works once.
    await other.goto(joinLink)
    guest.console.allow(httpStatusError(410))
    await other.getByRole('heading', { level: 1, name: 'Invitation unavailable' }).waitFor()

    // Sign out, then back in.
    await other.goto('/')
    await other.getByRole('button', { name: 'Sign out' }).click()
    await atPath(other, '/login')
    await other.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
    await other.goto('/teams')
    await atPath(other, '/login')

    await signIn(other, invitee)
    await other.getByRole('heading', { level: 1, name: `Hello, ${invitee.name}` }).waitFor()
    await other.goto(`/teams/${checkoutId}`)
    await other.getByRole('cell', { name: invitee.name }).waitFor()

    // A member is not an admin, and Platform is not their team.
    guest.console.allow(httpStatusError(403))
    guest.console.allow(httpStatusError(404))
    const people = await other.goto('/admin/people')
    expect(people?.status()).toBe(403)
    await other.getByRole('heading', { level: 1, name: 'You do not have access to this' }).waitFor()
    await screenshotWidths(other, '06-forbidden')

    const otherTeam = await other.goto(`/teams/${platformId}`)
    expect([403, 404]).toContain(otherTeam?.status())
    await other.getByRole('heading', { level: 1, name: /You do not have access to this|Not found/ }).waitFor()
    await expect(other.getByText('Platform', { exact: true }).count()).resolves.toBe(0)

    const missing = await other.goto('/teams/00000000-0000-4000-8000-000000000000')
    expect(missing?.status()).toBe(404)
    await other.getByRole('heading', { level: 1, name: 'Not found' }).waitFor()
  })

  test('a wrong password shows one message and keeps the email', async () => {
    const { page, console } = await openPage(browser, baseUrl)
    console.allow(httpStatusError(401))
    await signIn(page, { email: owner.email, password: 'not-the-password' })
    await expect.poll(() => page.getByRole('alert').textContent(), until).toBe('Email or password is incorrect.')
    expect(new URL(page.url()).pathname).toBe('/login')
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe(owner.email)
    await expect(page.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(0)
    await screenshotWidths(page, '07-bad-sign-in')

    // The right password still works afterwards.
    await page.getByLabel('Password').fill(owner.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { level: 1, name: `Hello, ${owner.name}` }).waitFor()
  })
  test('sign-out revokes the session, sign out everywhere, and a password reset through the outbox link', async () => {
    // A signed-in browser, and a copy of its cookie in another (as a thief would have it).
    const laptop = await openPage(browser, baseUrl)
    await signIn(laptop.page, invitee)
    await laptop.page.getByRole('heading', { level: 1, name: `Hello, ${invitee.name}` }).waitFor()
    const thief = await openPage(browser, baseUrl)
    await thief.context.addCookies(await laptop.context.cookies())
    await thief.page.goto('/account')
    await thief.page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor()

    await laptop.page.getByRole('link', { name: 'Account' }).click()
    await laptop.page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor()
    await laptop.page.locator('.tag', { hasText: 'This browser' }).waitFor()
    await screenshotWidths(laptop.page, '08-account')

    // Signing out ends the session on the server: the copied cookie stops working too.
    await laptop.page.getByRole('button', { name: 'Sign out', exact: true }).first().click()
    await atPath(laptop.page, '/login')
    await thief.page.goto('/account')
    await atPath(thief.page, '/login')
    await thief.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()

    // Sign out everywhere, from one of two browsers.
    const desk = await openPage(browser, baseUrl)
    const phone = await openPage(browser, baseUrl, PHONE)
    await signIn(desk.page, invitee)
    await desk.page.getByRole('heading', { level: 1, name: `Hello, ${invitee.name}` }).waitFor()
    await signIn(phone.page, invitee)
    await phone.page.getByRole('heading', { level: 1, name: `Hello, ${invitee.name}` }).waitFor()
    await desk.page.goto('/account')
    await expect.poll(() => desk.page.getByRole('button', { name: /^Sign out/ }).count(), until).toBeGreaterThanOrEqual(3)
    await desk.page.getByRole('button', { name: 'Sign out everywhere' }).click()
    await atPath(desk.page, '/login')
    await expect.poll(() => desk.page.getByRole('status').textContent(), until).toBe('You were signed out everywhere, including here.')
    await phone.page.goto('/account')
    await atPath(phone.page, '/login')

    // Forgot password: the answer does not say whether the account exists.
    const guest = await openPage(browser, baseUrl, PHONE)
    await guest.page.goto('/login')
    await guest.page.getByRole('link', { name: 'Forgot password?' }).click()
    await guest.page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor()
    await screenshotWidths(guest.page, '09-forgot-password')
    await guest.page.getByLabel('Email').fill(invitee.email)
    await guest.page.getByRole('button', { name: 'Send reset link' }).click()
    await guest.page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor()
    await guest.page.getByText(/If an account exists for/).waitFor()
    await screenshotWidths(guest.page, '10-reset-sent')

    // Without SMTP the admin finds the link in the outbox.
    const admin = await openPage(browser, baseUrl)
    await signIn(admin.page, owner)
    await admin.page.getByRole('heading', { level: 1, name: `Hello, ${owner.name}` }).waitFor()
    await admin.page.goto('/admin/outbox')
    await admin.page.getByRole('link', { name: 'Reset your Tandem password' }).first().click()
    await admin.page.getByRole('heading', { level: 2, name: 'Reset your Tandem password' }).waitFor()
    const mailText = (await admin.page.locator('pre').first().textContent()) ?? ''
    const resetLink = /https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+/.exec(mailText)?.[0]
    expect(resetLink, mailText).toBeTruthy()
    await screenshotWidths(admin.page, '11-outbox-reset-mail')

    await guest.page.goto(resetLink!)
    await guest.page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor()
    await screenshotWidths(guest.page, '12-reset-password')
    const newPassword = 'invitee-new-password-456'
    await guest.page.getByLabel(/^New password \(/).fill(newPassword)
    await guest.page.getByLabel('New password again').fill(newPassword)
    await guest.page.getByRole('button', { name: 'Set new password' }).click()
    await guest.page.getByRole('heading', { level: 1, name: `Hello, ${invitee.name}` }).waitFor()
    await expect
      .poll(() => guest.page.getByRole('status').first().textContent(), until)
      .toBe('Your password was changed, and every other session was signed out.')

    // The link worked once; the old password no longer does, the new one does.
    guest.console.allow(httpStatusError(410))
    await guest.page.goto(resetLink!)
    await guest.page.getByRole('heading', { level: 1, name: 'Reset link unavailable' }).waitFor()
    const check = await openPage(browser, baseUrl)
    check.console.allow(httpStatusError(401))
    await signIn(check.page, invitee)
    await expect.poll(() => check.page.getByRole('alert').textContent(), until).toBe('Email or password is incorrect.')
    await signIn(check.page, { email: invitee.email, password: newPassword })
    await check.page.getByRole('heading', { level: 1, name: `Hello, ${invitee.name}` }).waitFor()
  })
})

/** The invitation link is shown once, in a read-only input: find the one holding /join/. */
function readJoinLink(page: Page) {
  return page.evaluate(() => {
    const input = Array.from(document.querySelectorAll('input')).find((i) => i.readOnly && i.value.includes('/join/'))
    return input?.value ?? ''
  })
}
