import { MAIL_COLORS, MailButton, MailCard, MailRow, textLines, type HtmlMail } from './layout'

export type InviteMailProps = {
  inviterName: string
  teamName: string
  workspaceName: string
  /** the link that accepts; the placeholder of a secret link when the mail is stored */
  acceptUrl: string
  /** how long the link works */
  days: number
}

const expiry = ({ days }: InviteMailProps) => `The link works once and expires in ${days} days.`

function InviteMail(props: InviteMailProps) {
  return (
    <MailCard>
      <MailRow padding="24px 24px 12px" size={16}>
        {`${props.inviterName} invited you to join `}
        <strong>{props.teamName}</strong>
        {` in ${props.workspaceName} on Tandem.`}
      </MailRow>
      <MailRow padding="4px 24px 12px">
        <MailButton href={props.acceptUrl}>Accept the invitation</MailButton>
      </MailRow>
      <MailRow padding="12px 24px 24px" color={MAIL_COLORS.muted}>
        {expiry(props)}
      </MailRow>
    </MailCard>
  )
}

/** An invitation to join a team: sent when an admin invites someone, and again on resend. */
export const inviteMail: HtmlMail<InviteMailProps> = {
  subject: (p) => `${p.inviterName} invited you to ${p.teamName} on Tandem`,
  text: (p) =>
    textLines(
      `${p.inviterName} invited you to join ${p.teamName} in ${p.workspaceName} on Tandem.`,
      '',
      `Accept the invitation: ${p.acceptUrl}`,
      '',
      expiry(p),
    ),
  Html: InviteMail,
}
