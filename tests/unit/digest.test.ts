import { describe, expect, it } from 'vitest'
import type { DigestContent } from '~/components/mail/digest'
import {
  buildDigestNumbers,
  deficitLine,
  digestDue,
  digestSendAt,
  formatDigestLine,
  isoWeekKey,
  newlyInDeficit,
  nextDigestAt,
} from '~/domain/digest'
import { htmlText, renderMail } from '~/utils/mail-render.server'

const at = (iso: string) => new Date(iso)

describe('isoWeekKey', () => {
  it('numbers weeks from Monday, week 1 holding the first Thursday', () => {
    expect(isoWeekKey(at('2026-11-23T12:00:00Z'), 'UTC')).toBe('2026-W48')
    expect(isoWeekKey(at('2026-11-29T12:00:00Z'), 'UTC')).toBe('2026-W48')
    expect(isoWeekKey(at('2026-11-30T12:00:00Z'), 'UTC')).toBe('2026-W49')
    expect(isoWeekKey(at('2026-03-02T12:00:00Z'), 'UTC')).toBe('2026-W10')
  })

  it('handles year boundaries, including 53-week years', () => {
    // 2026 starts on a Thursday, so it has 53 weeks and the first days of 2027 belong to it
    expect(isoWeekKey(at('2026-12-31T12:00:00Z'), 'UTC')).toBe('2026-W53')
    expect(isoWeekKey(at('2027-01-01T12:00:00Z'), 'UTC')).toBe('2026-W53')
    expect(isoWeekKey(at('2027-01-03T12:00:00Z'), 'UTC')).toBe('2026-W53')
    expect(isoWeekKey(at('2027-01-04T12:00:00Z'), 'UTC')).toBe('2027-W01')
    expect(isoWeekKey(at('2020-12-31T12:00:00Z'), 'UTC')).toBe('2020-W53')
    expect(isoWeekKey(at('2021-01-03T12:00:00Z'), 'UTC')).toBe('2020-W53')
    // and the last days of a December can belong to the next year
    expect(isoWeekKey(at('2024-12-30T12:00:00Z'), 'UTC')).toBe('2025-W01')
    expect(isoWeekKey(at('2025-12-28T12:00:00Z'), 'UTC')).toBe('2025-W52')
  })

  it('uses the calendar of the workspace time zone', () => {
    // Sunday 23:30 in UTC is already Monday in Berlin
    expect(isoWeekKey(at('2027-01-03T23:30:00Z'), 'UTC')).toBe('2026-W53')
    expect(isoWeekKey(at('2027-01-03T23:30:00Z'), 'Europe/Berlin')).toBe('2027-W01')
    // Monday 03:00 in UTC is still Sunday in New York
    expect(isoWeekKey(at('2027-01-04T03:00:00Z'), 'America/New_York')).toBe('2026-W53')
  })
})

describe('nextDigestAt', () => {
  it('keeps the local hour across the end of daylight saving in Berlin', () => {
    // Friday before the change (CEST, UTC+2) → Monday after it (CET, UTC+1)
    expect(nextDigestAt(at('2026-10-23T12:00:00Z'), 1, 8, 'Europe/Berlin')).toEqual(at('2026-10-26T07:00:00Z'))
    expect(nextDigestAt(at('2026-10-16T12:00:00Z'), 1, 8, 'Europe/Berlin')).toEqual(at('2026-10-19T06:00:00Z'))
  })

  it('keeps the local hour across the start of daylight saving in Berlin', () => {
    expect(nextDigestAt(at('2026-03-27T12:00:00Z'), 1, 8, 'Europe/Berlin')).toEqual(at('2026-03-30T06:00:00Z'))
    expect(nextDigestAt(at('2026-03-20T12:00:00Z'), 1, 8, 'Europe/Berlin')).toEqual(at('2026-03-23T07:00:00Z'))
  })

  it('moves an hour that does not exist on the change day forward, not to the next week', () => {
    // 02:00 on 29 March 2026 is skipped in Berlin; the digest goes at 03:00 CEST
    expect(nextDigestAt(at('2026-03-28T12:00:00Z'), 7, 2, 'Europe/Berlin')).toEqual(at('2026-03-29T01:00:00Z'))
  })

  it('returns now when now is exactly the send time, and next week just after it', () => {
    expect(nextDigestAt(at('2026-10-26T07:00:00Z'), 1, 8, 'Europe/Berlin')).toEqual(at('2026-10-26T07:00:00Z'))
    expect(nextDigestAt(at('2026-10-26T07:00:00.001Z'), 1, 8, 'Europe/Berlin')).toEqual(at('2026-11-02T07:00:00Z'))
    expect(nextDigestAt(at('2026-10-26T06:59:59Z'), 1, 8, 'Europe/Berlin')).toEqual(at('2026-10-26T07:00:00Z'))
  })

  it('uses the local weekday where it differs from UTC', () => {
    // Monday 09:00 in Auckland (Sunday in UTC): Monday's 08:00 has passed
    expect(nextDigestAt(at('2026-11-22T20:00:00Z'), 1, 8, 'Pacific/Auckland')).toEqual(at('2026-11-29T19:00:00Z'))
    expect(nextDigestAt(at('2026-11-25T12:00:00Z'), 7, 23, 'UTC')).toEqual(at('2026-11-29T23:00:00Z'))
  })

  it('rejects a weekday or hour out of range', () => {
    expect(() => nextDigestAt(at('2026-11-25T12:00:00Z'), 0, 8, 'UTC')).toThrow(RangeError)
    expect(() => nextDigestAt(at('2026-11-25T12:00:00Z'), 8, 8, 'UTC')).toThrow(RangeError)
    expect(() => nextDigestAt(at('2026-11-25T12:00:00Z'), 1, 24, 'UTC')).toThrow(RangeError)
  })
})

describe('digestDue', () => {
  const berlin = (iso: string, last: string | null, weekday = 1, hour = 8) => digestDue(at(iso), last, weekday, hour, 'Europe/Berlin')

  it('is due once this week’s send time has passed and this week was not sent', () => {
    expect(digestSendAt(at('2026-11-25T12:00:00Z'), 1, 8, 'Europe/Berlin')).toEqual(at('2026-11-23T07:00:00Z'))
    expect(berlin('2026-11-23T06:59:59Z', '2026-W47')).toBe(false)
    expect(berlin('2026-11-23T07:00:00Z', '2026-W47')).toBe(true)
    expect(berlin('2026-11-23T07:00:00Z', null)).toBe(true)
    // a missed send still goes out later in the same week
    expect(berlin('2026-11-29T20:00:00Z', '2026-W47')).toBe(true)
  })

  it('is not due twice in a week, nor before a later weekday comes round', () => {
    expect(berlin('2026-11-25T12:00:00Z', '2026-W48')).toBe(false)
    expect(berlin('2026-11-23T12:00:00Z', '2026-W47', 5, 8)).toBe(false)
    expect(berlin('2026-11-27T07:00:00Z', '2026-W47', 5, 8)).toBe(true)
  })

  it('treats a later week as sent, so a time zone change cannot send twice', () => {
    expect(berlin('2026-11-25T12:00:00Z', '2026-W49')).toBe(false)
  })

  it('compares across the year boundary', () => {
    expect(berlin('2027-01-04T08:00:00Z', '2026-W53')).toBe(true)
    expect(berlin('2027-01-04T08:00:00Z', '2027-W01')).toBe(false)
  })
})

describe('buildDigestNumbers', () => {
  it('gives exactly three numbers, rounded, with their change since last time', () => {
    const numbers = buildDigestNumbers(
      { respectIndex: 68.4, engineeringBeforeSpec: 0.4, differentWithoutUpset: 0.25 },
      { respectIndex: 63.6, engineeringBeforeSpec: 0.35, differentWithoutUpset: 0.25 },
    )
    expect(numbers).toEqual([
      { key: 'respect_index', label: 'Respect Index', value: 68, previous: 64, change: 4, unit: 'points', goodDirection: 'up' },
      {
        key: 'engineering_before_spec',
        label: 'Features with engineering involved before the spec',
        value: 40,
        previous: 35,
        change: 5,
        unit: 'percent',
        goodDirection: 'up',
      },
      {
        key: 'different_without_upset',
        label: 'Features shipped differently without anyone upset',
        value: 25,
        previous: 25,
        change: 0,
        unit: 'percent',
        goodDirection: 'up',
      },
    ])
  })

  it('computes the change from the shown numbers, so the email adds up', () => {
    const [respect] = buildDigestNumbers(
      { respectIndex: 68.4, engineeringBeforeSpec: null, differentWithoutUpset: null },
      { respectIndex: 67.6, engineeringBeforeSpec: null, differentWithoutUpset: null },
    )
    expect(respect).toMatchObject({ value: 68, previous: 68, change: 0 })
  })

  it('marks missing numbers and has no change without a previous digest', () => {
    const numbers = buildDigestNumbers({ respectIndex: null, engineeringBeforeSpec: 0.5, differentWithoutUpset: null }, null)
    expect(numbers[0]).toMatchObject({ value: null, previous: null, change: null, note: 'Not enough responses to protect anonymity' })
    expect(numbers[1]).toMatchObject({ value: 50, previous: null, change: null })
    expect(numbers[1].note).toBeUndefined()
    expect(numbers[2]).toMatchObject({ value: null, note: 'No features shipped in this period' })
  })

  it('rejects shares outside 0..1 and indexes outside 0..100', () => {
    expect(() => buildDigestNumbers({ respectIndex: 50, engineeringBeforeSpec: 40, differentWithoutUpset: 0 }, null)).toThrow(RangeError)
    expect(() => buildDigestNumbers({ respectIndex: 101, engineeringBeforeSpec: 0, differentWithoutUpset: 0 }, null)).toThrow(RangeError)
  })

  it('formats each line with its change', () => {
    const numbers = buildDigestNumbers(
      { respectIndex: 61, engineeringBeforeSpec: 0.31, differentWithoutUpset: 0.5 },
      { respectIndex: 64, engineeringBeforeSpec: 0.3, differentWithoutUpset: null },
    )
    expect(numbers.map(formatDigestLine)).toEqual([
      'Respect Index: 61 (−3 since last digest)',
      'Features with engineering involved before the spec: 31% (+1 point since last digest)',
      'Features shipped differently without anyone upset: 50% (nothing to compare with last digest)',
    ])
  })
})

describe('respect deficit line', () => {
  const teams = [
    { teamId: 'g', teamName: 'Growth', status: 'deficit' as const },
    { teamId: 'p', teamName: 'Payments', status: 'deficit' as const },
    { teamId: 'c', teamName: 'Core', status: 'healthy' as const },
    { teamId: 'i', teamName: 'Insights', status: 'unknown' as const },
    { teamId: 'a', teamName: 'Activation', status: 'deficit' as const },
  ]

  it('lists teams in deficit now that were not before', () => {
    expect(newlyInDeficit(teams, ['p']).map((t) => t.teamName)).toEqual(['Activation', 'Growth'])
    expect(newlyInDeficit(teams, ['g', 'p', 'a'])).toEqual([])
  })

  it('joins names with commas and "and"', () => {
    expect(deficitLine([{ teamName: 'Growth' }])).toBe('Newly in respect deficit: Growth.')
    expect(deficitLine([{ teamName: 'Growth' }, { teamName: 'Payments' }])).toBe('Newly in respect deficit: Growth and Payments.')
    expect(deficitLine([{ teamName: 'Activation' }, { teamName: 'Growth' }, { teamName: 'Payments' }])).toBe(
      'Newly in respect deficit: Activation, Growth and Payments.',
    )
    expect(deficitLine([])).toBe('')
  })
})

describe('renderDigest', () => {
  const content: DigestContent = {
    workspaceName: 'Acme <Labs> & "Co"',
    leaderName: "Siobhán O'Brien",
    weekKey: '2026-W48',
    numbers: buildDigestNumbers(
      { respectIndex: 68, engineeringBeforeSpec: 0.4, differentWithoutUpset: 0.25 },
      { respectIndex: 64, engineeringBeforeSpec: 0.35, differentWithoutUpset: 0.25 },
    ),
    deficitLine: 'Newly in respect deficit: R&D <core>.',
    dashboardUrl: 'https://tandem.example/dashboard?team=a&period=quarter',
    unsubscribeUrl: 'https://tandem.example/digest/unsubscribe?token=abc',
  }

  it('names the week and the Respect Index in the subject', () => {
    expect(renderMail('digest', content).subject).toBe('Tandem weekly: Respect 68 (+4) · 2026-W48')
  })

  it('puts the three numbers, the deficit line and both links in the text part', () => {
    const { text } = renderMail('digest', content)
    expect(text).toContain('Respect Index: 68 (+4 since last digest)')
    expect(text).toContain('Features with engineering involved before the spec: 40% (+5 points since last digest)')
    expect(text).toContain('Features shipped differently without anyone upset: 25% (no change since last digest)')
    expect(text).toContain('Newly in respect deficit: R&D <core>.')
    expect(text).toContain('https://tandem.example/dashboard?team=a&period=quarter')
    expect(text).toContain('Unsubscribe: https://tandem.example/digest/unsubscribe?token=abc')
  })

  it('puts the same in the HTML part, escaping every interpolated string', () => {
    const { html } = renderMail('digest', content)
    expect(html).toContain('Respect Index')
    expect(html).toContain('>68<')
    expect(html).toContain('(+4 since last digest)')
    expect(html).toContain('>40%<')
    expect(html).toContain('(+5 points since last digest)')
    expect(html).toContain('(no change since last digest)')
    expect(html).toContain('Newly in respect deficit: R&amp;D &lt;core&gt;.')
    expect(html).toContain('Acme &lt;Labs&gt; &amp; &quot;Co&quot;')
    expect(html).toContain('Siobhán O&#39;Brien')
    expect(html).toContain('href="https://tandem.example/dashboard?team=a&amp;period=quarter"')
    expect(html).toContain('href="https://tandem.example/digest/unsubscribe?token=abc"')
    expect(html).not.toContain('<Labs>')
    expect(html).not.toMatch(/<(script|img|link)\b/i)
    expect(html).toContain('<table role="presentation"')
  })

  it('says n/a with the reason when a number is hidden, and leaves out an empty deficit line', () => {
    const hidden = renderMail('digest', {
      ...content,
      numbers: buildDigestNumbers({ respectIndex: null, engineeringBeforeSpec: 0.4, differentWithoutUpset: null }, null),
      deficitLine: '',
    })
    expect(hidden.subject).toBe('Tandem weekly: Respect n/a · 2026-W48')
    expect(hidden.text).toContain('Respect Index: n/a — not enough responses to protect anonymity')
    expect(hidden.html).toContain('n/a — not enough responses to protect anonymity')
    expect(hidden.text).toContain('Features shipped differently without anyone upset: n/a — no features shipped in this period')
    expect(hidden.text).not.toContain('respect deficit')
    expect(hidden.html).not.toContain('respect deficit')
  })

  it('refuses links that are not http(s)', () => {
    expect(() => renderMail('digest', { ...content, dashboardUrl: 'javascript:alert(1)' })).toThrow(RangeError)
  })

  it('escapes the five HTML characters', () => {
    expect(htmlText(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;')
  })
})
