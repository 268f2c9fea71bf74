import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildDigestNumbers, formatDigestValue } from '~/domain/digest'
import { LINK_PLACEHOLDER, mailHref } from '~/domain/mail-links'
import { htmlText, renderMail, renderTextMail } from '~/utils/mail-render.server'
import { renderMailLinks, secretLink } from '~/utils/tokens.server'

// Names as a hostile or unlucky person might type them.
const SCRIPT = '<script>alert(1)</script>'
const QUOTED = 'Eve "the admin" <eve@evil.example>'
const AMPERSAND = "R&D O'Brien & Sons"

/** Every tag name in a mail's HTML. */
function tags(html: string) {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1].toLowerCase())
}

/** Every href in a mail's HTML. */
function hrefs(html: string) {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])
}

/** What every HTML part must be: one simple document a mail client can show as it is. */
function expectMailSafe(html: string) {
  expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true)
  expect(html).toContain('<meta charSet="utf-8"/>')
  const allowed = new Set(['html', 'head', 'meta', 'title', 'body', 'table', 'tbody', 'tr', 'td', 'div', 'span', 'strong', 'a'])
  expect(tags(html).filter((t) => !allowed.has(t))).toEqual([])
  // No script, no style sheet, no class or event handler, nothing loaded from elsewhere.
  expect(html).not.toMatch(/\s(class|src|on[a-z]+)=/i)
  expect(html).not.toMatch(/url\(/i)
  for (const href of hrefs(html)) expect(href === LINK_PLACEHOLDER || /^https?:\/\//.test(href)).toBe(true)
}

describe('the invitation mail', () => {
  const props = { inviterName: SCRIPT, teamName: QUOTED, workspaceName: AMPERSAND, acceptUrl: LINK_PLACEHOLDER, days: 7 }

  it('says who invited whom to what, with the link and when it expires, in plain text exactly as typed', () => {
    const mail = renderMail('invite', props)
    expect(mail.subject).toBe(`${SCRIPT} invited you to ${QUOTED} on Tandem`)
    expect(mail.text).toBe(
      [
        `${SCRIPT} invited you to join ${QUOTED} in ${AMPERSAND} on Tandem.`,
        '',
        'Accept the invitation: {{link}}',
        '',
        'The link works once and expires in 7 days.',
      ].join('\n'),
    )
  })

  it('escapes every name in the HTML part and keeps the link placeholder as the button’s href', () => {
    const { html, subject } = renderMail('invite', props)
    expectMailSafe(html)
    expect(html).not.toContain(SCRIPT)
    expect(html).not.toContain('"the admin"')
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; invited you to join <strong>Eve &quot;the admin&quot; &lt;eve@evil.example&gt;</strong>',
    )
    expect(html).toContain('in R&amp;D O&#39;Brien &amp; Sons on Tandem.')
    expect(html).toContain(`<title>${htmlText(subject)}</title>`)
    expect(hrefs(html)).toEqual(['{{link}}'])
    expect(html).toMatch(/<a href="\{\{link\}\}"[^>]*>Accept the invitation<\/a>/)
    expect(html).toContain('The link works once and expires in 7 days.')
  })
})

describe('the password reset mail', () => {
  const props = { email: `"${SCRIPT}"@example.com`, resetUrl: LINK_PLACEHOLDER, minutes: 60 }

  it('names the account and says what to do, in plain text exactly as typed', () => {
    const mail = renderMail('passwordReset', props)
    expect(mail.subject).toBe('Reset your Tandem password')
    expect(mail.text).toBe(
      [
        `Someone, hopefully you, asked to reset the password of the Tandem account "${SCRIPT}"@example.com.`,
        '',
        'Choose a new password: {{link}}',
        '',
        'The link works once and expires in 60 minutes. If you did not ask for it, ignore this mail: your password stays as it is.',
      ].join('\n'),
    )
  })

  it('escapes the address in the HTML part and keeps the link placeholder as the button’s href', () => {
    const { html } = renderMail('passwordReset', props)
    expectMailSafe(html)
    expect(html).not.toContain(SCRIPT)
    expect(html).toContain('the Tandem account &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;@example.com.')
    expect(hrefs(html)).toEqual(['{{link}}'])
    expect(html).toMatch(/<a href="\{\{link\}\}"[^>]*>Choose a new password<\/a>/)
  })
})

describe('a stored mail’s secret link', () => {
  const id = '0b9f5d1e-3c2a-4e7b-9a61-2f4d8c7e5a10'
  beforeAll(() => {
    vi.stubEnv('SESSION_SECRET', 'a test secret that is long enough to sign links')
  })
  afterAll(() => {
    vi.unstubAllEnvs()
  })

  it('goes in where the placeholder is, in the text as it is and in the HTML as React would write it', () => {
    const mail = renderMail('invite', {
      inviterName: 'Ada',
      teamName: 'Checkout',
      workspaceName: 'Acme',
      acceptUrl: LINK_PLACEHOLDER,
      days: 7,
    })
    // A base with characters that mean something in HTML, to show the link is escaped there and only there.
    const base = "https://o'neil&co@tandem.example"
    const link = secretLink('invite', id, base)
    expect(link).toContain("o'neil&co@")
    const filled = renderMailLinks({ textBody: mail.text, htmlBody: mail.html, linkRef: `invite:${id}` }, base)
    expect(filled.text).toContain(`Accept the invitation: ${link}`)
    expect(filled.html).toContain(`href="${link.replace('&', '&amp;').replace("'", '&#39;')}"`)
    expect(`${filled.text}${filled.html}`).not.toContain(LINK_PLACEHOLDER)
    // The same as rendering the mail with the link in it.
    const direct = renderMail('invite', { inviterName: 'Ada', teamName: 'Checkout', workspaceName: 'Acme', acceptUrl: link, days: 7 })
    expect(filled).toEqual({ text: direct.text, html: direct.html })
  })

  it('is withheld with a note when the viewer may not see it', () => {
    const mail = renderMail('passwordReset', { email: 'pat@example.com', resetUrl: LINK_PLACEHOLDER, minutes: 60 })
    const shown = renderMailLinks({ textBody: mail.text, htmlBody: mail.html, linkRef: `password-reset:${id}` }, 'http://localhost:3000', {
      reveal: false,
    })
    expect(shown.text).toContain('Choose a new password: (link withheld: it was sent by email only)')
    expect(shown.html).toContain('href="(link withheld: it was sent by email only)"')
  })
})

describe('the weekly digest mail', () => {
  const content = {
    workspaceName: AMPERSAND,
    leaderName: SCRIPT,
    weekKey: '2026-W48',
    numbers: buildDigestNumbers(
      { respectIndex: 61, engineeringBeforeSpec: 0.5, differentWithoutUpset: null },
      { respectIndex: 64, engineeringBeforeSpec: 0.4, differentWithoutUpset: 0.2 },
    ),
    deficitLine: `Newly in respect deficit: ${QUOTED}.`,
    dashboardUrl: 'https://tandem.example/dashboard',
    unsubscribeUrl: 'https://tandem.example/digest/unsubscribe/abc.def',
  }

  it('says the same numbers in both parts, with names as typed in the text and escaped in the HTML', () => {
    const { subject, text, html } = renderMail('digest', content)
    expect(subject).toBe('Tandem weekly: Respect 61 (−3) · 2026-W48')
    expectMailSafe(html)
    for (const n of content.numbers) {
      expect(text).toContain(formatDigestValue(n))
      expect(html).toContain(`>${formatDigestValue(n)}</span>`)
    }
    expect(text).toContain(`Hi ${SCRIPT},`)
    expect(text).toContain(`Newly in respect deficit: ${QUOTED}.`)
    expect(html).not.toContain(SCRIPT)
    expect(html).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;,')
    expect(html).toContain('Newly in respect deficit: Eve &quot;the admin&quot; &lt;eve@evil.example&gt;.')
    expect(html).toContain('Your Tandem digest for R&amp;D O&#39;Brien &amp; Sons, week 2026-W48.')
    expect(hrefs(html)).toEqual([content.dashboardUrl, content.unsubscribeUrl])
  })

  it('shows a fall in red and a rise in green, whichever number it is', () => {
    const { html } = renderMail('digest', content)
    expect(html).toContain('<span style="font-size:14px;color:#b91c1c"> (−3 since last digest)</span>')
    expect(html).toContain('<span style="font-size:14px;color:#15803d"> (+10 points since last digest)</span>')
  })
})

describe('the pulse mails', () => {
  it('are plain text, with the team name as typed and the links as given', () => {
    const open = renderTextMail('pulseOpen', {
      teamName: QUOTED,
      due: '30 Nov 2026',
      answerUrl: 'https://tandem.example/pulse/r1',
      anonymityUrl: 'https://tandem.example/anonymity',
    })
    expect(open).toEqual({
      subject: `Pulse open for ${QUOTED}`,
      text: `A respect pulse is open for ${QUOTED}. It takes under a minute; answer by 30 Nov 2026.\n\nAnswer anonymously: https://tandem.example/pulse/r1\n\nHow anonymity works: https://tandem.example/anonymity`,
    })
    const reminder = renderTextMail('pulseReminder', {
      teamName: AMPERSAND,
      closes: '2 Dec 2026',
      answerUrl: 'https://tandem.example/pulse/r1',
    })
    expect(reminder).toEqual({
      subject: `Reminder: ${AMPERSAND} pulse closes soon`,
      text: `The ${AMPERSAND} pulse closes 2 Dec 2026. Answer anonymously: https://tandem.example/pulse/r1`,
    })
  })

  it('keep a subject on one line whatever a name holds', () => {
    const { subject } = renderTextMail('pulseReminder', {
      teamName: 'Core\r\nBcc: everyone@example.com',
      closes: 'soon',
      answerUrl: 'https://tandem.example/p',
    })
    expect(subject).toBe('Reminder: Core Bcc: everyone@example.com pulse closes soon')
  })
})

describe('links in mail', () => {
  it('are http(s) URLs or the placeholder of a secret link', () => {
    expect(mailHref('https://tandem.example/dashboard?a=1&b=2')).toBe('https://tandem.example/dashboard?a=1&b=2')
    expect(mailHref('http://localhost:3000/join/x')).toBe('http://localhost:3000/join/x')
    expect(mailHref(LINK_PLACEHOLDER)).toBe('{{link}}')
  })

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '/dashboard',
    '',
    'https://tandem.example/a b',
    '{{link}} ',
  ])('refuse %j, so no mail carries it', (href) => {
    expect(() => mailHref(href)).toThrow(RangeError)
    expect(() => renderMail('invite', { inviterName: 'Ada', teamName: 'T', workspaceName: 'W', acceptUrl: href, days: 7 })).toThrow(
      RangeError,
    )
  })
})
