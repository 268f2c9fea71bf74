import { describe, expect, it } from 'vitest'
import {
  classifySlack,
  classifyTeams,
  MAX_DELIVERY_ATTEMPTS,
  nextTry,
  readRetryAfter,
  secretHint,
  slackChannelField,
  slackText,
  slackTokenField,
  teamsPayload,
  teamsWebhookField,
} from '~/domain/chat'

describe('messages', () => {
  it('escapes Slack markup in the notice and links back with a label', () => {
    expect(slackText({ message: 'A <b> & c > d', url: 'https://tandem.example.com/pulse/1', linkLabel: 'Answer <now>' })).toBe(
      'A &lt;b&gt; &amp; c &gt; d\n<https://tandem.example.com/pulse/1|Answer &lt;now&gt;>',
    )
  })

  it('builds a Teams Adaptive Card with the title, the notice and one button to the link', () => {
    const payload = teamsPayload({
      title: 'Core results are ready',
      message: 'Results are ready.',
      url: 'https://t.example/x',
      linkLabel: 'See the results',
    })
    const card = payload.attachments[0]
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive')
    expect(card.content.body.map((b) => b.text)).toEqual(['Core results are ready', 'Results are ready.'])
    expect(card.content.actions).toEqual([{ type: 'Action.OpenUrl', title: 'See the results', url: 'https://t.example/x' }])
  })

  it('shows only the last four characters of a secret', () => {
    expect(secretHint('xoxb-123-456-abcd')).toBe('…abcd')
  })
})

describe('reading Slack answers', () => {
  const ok = (body: unknown, status = 200, retryAfter: string | null = null) => classifySlack({ status, retryAfter, body })

  it('delivers on ok:true', () => {
    expect(ok({ ok: true })).toEqual({ kind: 'delivered' })
  })

  it('retries a 429 after Retry-After, and a 5xx or a transient error after the backoff', () => {
    expect(ok({ ok: false, error: 'ratelimited' }, 429, '30')).toMatchObject({ kind: 'retry', retryAfterSeconds: 30 })
    expect(ok(null, 503)).toMatchObject({ kind: 'retry', retryAfterSeconds: null })
    expect(ok({ ok: false, error: 'internal_error' })).toMatchObject({ kind: 'retry' })
  })

  it('gives up on errors only a person can fix, and says what to do', () => {
    for (const error of ['invalid_auth', 'channel_not_found', 'not_in_channel', 'users_not_found', 'missing_scope', 'account_inactive']) {
      const outcome = ok({ ok: false, error })
      expect(outcome.kind).toBe('permanent')
      if (outcome.kind === 'permanent') expect(outcome.error).toContain(error)
    }
    expect(ok('<html>not slack</html>', 404)).toMatchObject({ kind: 'permanent', error: expect.stringContaining('SLACK_API_URL') })
  })
})

describe('reading Teams answers', () => {
  const at = (status: number, retryAfter: string | null = null) => classifyTeams({ status, retryAfter })
  it('delivers on 2xx, retries 429 and 5xx, gives up on 400 and 404', () => {
    expect(at(200)).toEqual({ kind: 'delivered' })
    expect(at(202)).toEqual({ kind: 'delivered' })
    expect(at(429, '10')).toMatchObject({ kind: 'retry', retryAfterSeconds: 10 })
    expect(at(502)).toMatchObject({ kind: 'retry' })
    expect(at(400)).toMatchObject({ kind: 'permanent', error: expect.stringContaining('HTTP 400') })
    expect(at(404)).toMatchObject({ kind: 'permanent', error: expect.stringContaining('no longer exists') })
  })
})

describe('when to try again', () => {
  const now = new Date('2026-11-29T12:00:00Z')
  const retry = (retryAfterSeconds: number | null) => ({ kind: 'retry' as const, error: 'x', retryAfterSeconds })

  it('reads Retry-After as whole seconds, bounded, and ignores what it cannot read', () => {
    expect(readRetryAfter('12')).toBe(12)
    expect(readRetryAfter('0')).toBe(1)
    expect(readRetryAfter('99999')).toBe(3600)
    expect(readRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT')).toBeNull()
    expect(readRetryAfter(null)).toBeNull()
  })

  it('follows Retry-After when given, else doubles from 30 seconds up to an hour, and gives up at the last attempt', () => {
    expect(nextTry(retry(120), 1, now)?.getTime()).toBe(now.getTime() + 120_000)
    expect(nextTry(retry(null), 1, now)?.getTime()).toBe(now.getTime() + 30_000)
    expect(nextTry(retry(null), 3, now)?.getTime()).toBe(now.getTime() + 120_000)
    expect(nextTry(retry(null), 20, now)?.getTime()).toBe(now.getTime() + 3_600_000)
    expect(nextTry(retry(null), MAX_DELIVERY_ATTEMPTS, now)).toBeNull()
  })
})

describe('what admins and facilitators type', () => {
  it('takes a bot token and refuses other tokens', () => {
    expect(slackTokenField.parse('  xoxb-1-2-abc  ')).toBe('xoxb-1-2-abc')
    expect(slackTokenField.safeParse('xoxp-1-2').success).toBe(false)
    expect(slackTokenField.safeParse('xoxb-1 2').success).toBe(false)
  })

  it('takes https webhook URLs, and http only on this machine', () => {
    const field = teamsWebhookField('development')
    expect(field.safeParse('https://prod-1.westeurope.logic.azure.com/workflows/x').success).toBe(true)
    expect(field.safeParse('http://127.0.0.1:8080/hook').success).toBe(true)
    expect(field.safeParse('http://teams.example.com/hook').success).toBe(false)
    expect(field.safeParse('javascript:alert(1)').success).toBe(false)
    expect(field.safeParse('not a url').success).toBe(false)
    // As for outgoing webhooks: no plain http in production, even to this machine, and no credentials in the URL.
    expect(teamsWebhookField('production').safeParse('http://127.0.0.1:8080/hook').success).toBe(false)
    expect(field.safeParse('https://user:secret@prod-1.westeurope.logic.azure.com/workflows/x').success).toBe(false)
  })

  it('takes a channel id in any case and refuses a #name', () => {
    expect(slackChannelField.parse(' c0123abcd ')).toBe('C0123ABCD')
    expect(slackChannelField.safeParse('#general').success).toBe(false)
    expect(slackChannelField.safeParse('C1').success).toBe(false)
  })
})
