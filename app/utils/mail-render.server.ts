// Every mail Tandem sends is written in app/components/mail and rendered here:
// its subject, its plain-text part and, for most, an HTML part that React
// renders to static markup, so every name and number in it is escaped by React
// and by nothing else. Models name the mail they want and hand over its props.
import { createElement, Fragment } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { digestMail, type DigestContent } from '~/components/mail/digest'
import { inviteMail, type InviteMailProps } from '~/components/mail/invite'
import { MailDocument, type HtmlMail, type TextMail } from '~/components/mail/layout'
import { noticeMail, type NoticeMailProps } from '~/components/mail/notice'
import { passwordResetMail, type PasswordResetMailProps } from '~/components/mail/password-reset'
import { pulseOpenMail, type PulseOpenMailProps } from '~/components/mail/pulse-open'
import { pulseReminderMail, type PulseReminderMailProps } from '~/components/mail/pulse-reminder'

type HtmlMailProps = {
  invite: InviteMailProps
  passwordReset: PasswordResetMailProps
  digest: DigestContent
  notice: NoticeMailProps
}

type TextMailProps = {
  pulseOpen: PulseOpenMailProps
  pulseReminder: PulseReminderMailProps
}

const HTML_MAILS: { [Name in keyof HtmlMailProps]: HtmlMail<HtmlMailProps[Name]> } = {
  invite: inviteMail,
  passwordReset: passwordResetMail,
  digest: digestMail,
  notice: noticeMail,
}

const TEXT_MAILS: { [Name in keyof TextMailProps]: TextMail<TextMailProps[Name]> } = {
  pulseOpen: pulseOpenMail,
  pulseReminder: pulseReminderMail,
}

export type RenderedTextMail = { subject: string; text: string }
export type RenderedMail = RenderedTextMail & { html: string }

// React spells an escaped apostrophe &#x27;. Mail from Tandem has always used
// the decimal &#39; (the same character), and keeps it, so a name such as
// O'Brien is written the same way in every stored mail, old and new. The swap
// is exact: an & from any text is escaped to &amp;, so "&#x27;" in React's
// output can only be its own apostrophe.
function decimalApostrophes(html: string): string {
  return html.replaceAll('&#x27;', '&#39;')
}

/** A header must stay on one line, whatever a name holds. */
function oneLine(subject: string): string {
  return subject.replace(/[\r\n]+/g, ' ')
}

function textParts<P>(mail: TextMail<P>, props: P): RenderedTextMail {
  return { subject: oneLine(mail.subject(props)), text: mail.text(props) }
}

/** A mail with a plain-text and an HTML part, ready for queueMail. */
export function renderMail<Name extends keyof HtmlMailProps>(name: Name, props: HtmlMailProps[Name]): RenderedMail {
  const mail: HtmlMail<HtmlMailProps[Name]> = HTML_MAILS[name]
  const { subject, text } = textParts(mail, props)
  const markup = renderToStaticMarkup(createElement(MailDocument, { title: subject, children: createElement(mail.Html, props) }))
  return { subject, text, html: `<!DOCTYPE html>\n${decimalApostrophes(markup)}\n` }
}

/** A mail that is plain text only, ready for queueMail. */
export function renderTextMail<Name extends keyof TextMailProps>(name: Name, props: TextMailProps[Name]): RenderedTextMail {
  return textParts(TEXT_MAILS[name], props)
}

/** Text as it stands in a rendered mail's HTML, escaped by React: for putting a link in where a stored mail holds a placeholder. */
export function htmlText(value: string): string {
  return decimalApostrophes(renderToStaticMarkup(createElement(Fragment, null, value)))
}
