import { MAIL_COLORS, MailButton, MailCard, MailFooter, MailLink, MailRow, textLines, type HtmlMail } from './layout'

export type NoticeMailProps = {
  subject: string
  /** the in-app notice's own words: a mail never says more than the notice */
  message: string
  /** what the button says, such as "Write your perspective" */
  linkLabel: string
  url: string
  /** the account page, where each kind of mail can be turned off */
  preferencesUrl: string
}

const why = 'You get this mail because it is turned on in your notification settings.'

function NoticeMail(props: NoticeMailProps) {
  return (
    <>
      <MailCard>
        <MailRow padding="24px 24px 12px" size={16}>
          {props.message}
        </MailRow>
        <MailRow padding="4px 24px 24px">
          <MailButton href={props.url}>{props.linkLabel}</MailButton>
        </MailRow>
      </MailCard>
      <MailFooter>
        <span style={{ color: MAIL_COLORS.muted }}>{why} </span>
        <MailLink href={props.preferencesUrl}>Change which mail you get</MailLink>
      </MailFooter>
    </>
  )
}

/**
 * A notice by mail: the same words as the in-app notification, with its link.
 * Used for results ready, autopsy moves and action items; it never names
 * anyone and carries no score or comment.
 */
export const noticeMail: HtmlMail<NoticeMailProps> = {
  subject: (p) => p.subject,
  text: (p) => textLines(p.message, '', `${p.linkLabel}: ${p.url}`, '', `${why} Change which mail you get: ${p.preferencesUrl}`),
  Html: NoticeMail,
}
