import {
  digestTrend,
  formatDigestChange,
  formatDigestLine,
  formatDigestValue,
  signedChange,
  type DigestNumber,
  type DigestNumbers,
} from '~/domain/digest'
import { MAIL_COLORS, MailButton, MailCard, MailFooter, MailLink, MailRow, textLines, type HtmlMail } from './layout'

export type DigestContent = {
  workspaceName: string
  leaderName: string
  weekKey: string
  numbers: DigestNumbers
  /** from deficitLine; "" when no team is newly in deficit */
  deficitLine: string
  dashboardUrl: string
  unsubscribeUrl: string
}

function subject({ weekKey, numbers }: DigestContent): string {
  const respect = numbers.find((n) => n.key === 'respect_index')
  let shown = 'n/a'
  if (respect && respect.value !== null) {
    shown = String(respect.value)
    if (respect.change !== null) shown += respect.change === 0 ? ' (no change)' : ` (${signedChange(respect.change)})`
  }
  return `Tandem weekly: Respect ${shown} · ${weekKey}`
}

// The sentences both parts say.
const intro = (c: DigestContent) => `Your Tandem digest for ${c.workspaceName}, week ${c.weekKey}.`
const footer = (c: DigestContent) => `You receive this because you lead teams in ${c.workspaceName} on Tandem.`
const HIGHER = 'Higher is better for all three.'

function text(c: DigestContent): string {
  return textLines(
    `Hi ${c.leaderName},`,
    '',
    intro(c),
    '',
    ...c.numbers.map(formatDigestLine),
    '',
    HIGHER,
    ...(c.deficitLine ? ['', c.deficitLine] : []),
    '',
    `Open the dashboard: ${c.dashboardUrl}`,
    '',
    '-- ',
    footer(c),
    `Unsubscribe: ${c.unsubscribeUrl}`,
    '',
  )
}

const TREND_COLORS = { better: MAIL_COLORS.good, worse: MAIL_COLORS.bad, same: MAIL_COLORS.neutral }

function NumberRow({ number }: { number: DigestNumber }) {
  const change = formatDigestChange(number)
  return (
    <MailRow divider>
      <div style={{ fontSize: 14, color: MAIL_COLORS.muted }}>{number.label}</div>
      <div>
        {number.value === null ? (
          <span style={{ fontSize: 16, color: MAIL_COLORS.muted }}>{formatDigestValue(number)}</span>
        ) : (
          <span style={{ fontSize: 28, fontWeight: 'bold', color: MAIL_COLORS.text }}>{formatDigestValue(number)}</span>
        )}
        {change === null ? null : <span style={{ fontSize: 14, color: TREND_COLORS[digestTrend(number)] }}>{` (${change})`}</span>}
      </div>
    </MailRow>
  )
}

function DigestMail(c: DigestContent) {
  return (
    <>
      <MailCard>
        <MailRow padding="24px 24px 4px" size={16}>{`Hi ${c.leaderName},`}</MailRow>
        <MailRow padding="4px 24px 16px">{intro(c)}</MailRow>
        {c.numbers.map((n) => (
          <NumberRow key={n.key} number={n} />
        ))}
        <MailRow padding="8px 24px 12px" size={13} color={MAIL_COLORS.muted}>
          {HIGHER}
        </MailRow>
        {c.deficitLine ? (
          <MailRow divider bold color={MAIL_COLORS.bad}>
            {c.deficitLine}
          </MailRow>
        ) : null}
        <MailRow divider padding="16px 24px 24px">
          <MailButton href={c.dashboardUrl}>Open the dashboard</MailButton>
        </MailRow>
      </MailCard>
      <MailFooter>
        {`${footer(c)} `}
        <MailLink href={c.unsubscribeUrl}>Unsubscribe</MailLink>
      </MailFooter>
    </>
  )
}

/** The weekly digest to a leader: three numbers, each with its change, and the teams newly in respect deficit. */
export const digestMail: HtmlMail<DigestContent> = { subject, text, Html: DigestMail }
