import { MAIL_COLORS, MailButton, MailCard, MailRow, textLines, type HtmlMail } from './layout'

export type PasswordResetMailProps = {
  email: string
  /** the link that resets; the placeholder of a secret link when the mail is stored */
  resetUrl: string
  /** how long the link works */
  minutes: number
}

const asked = ({ email }: PasswordResetMailProps) => `Someone, hopefully you, asked to reset the password of the Tandem account ${email}.`
const expiry = ({ minutes }: PasswordResetMailProps) =>
  `The link works once and expires in ${minutes} minutes. If you did not ask for it, ignore this mail: your password stays as it is.`

function PasswordResetMail(props: PasswordResetMailProps) {
  return (
    <MailCard>
      <MailRow padding="24px 24px 12px" size={16}>
        {asked(props)}
      </MailRow>
      <MailRow padding="4px 24px 12px">
        <MailButton href={props.resetUrl}>Choose a new password</MailButton>
      </MailRow>
      <MailRow padding="12px 24px 24px" color={MAIL_COLORS.muted}>
        {expiry(props)}
      </MailRow>
    </MailCard>
  )
}

/** A single-use password reset link, for someone who asked on the forgot-password page. */
export const passwordResetMail: HtmlMail<PasswordResetMailProps> = {
  subject: () => 'Reset your Tandem password',
  text: (p) => textLines(asked(p), '', `Choose a new password: ${p.resetUrl}`, '', expiry(p)),
  Html: PasswordResetMail,
}
