// The frame every HTML mail shares. Mail clients ignore style sheets and many
// ignore anything past HTML 4, so this is tables and inline styles only: no
// classes, no scripts, no images or fonts from elsewhere.
import type { ComponentType, CSSProperties, ReactNode } from 'react'
import { mailHref } from '~/domain/mail-links'

/** A mail that is plain text only. Every mail's text part is a function of its props, next to its HTML. */
export type TextMail<P> = {
  subject: (props: P) => string
  text: (props: P) => string
}

/** A mail with an HTML part as well: a React component rendered to static markup inside MailDocument. */
export type HtmlMail<P> = TextMail<P> & { Html: ComponentType<P> }

/** Lines of a text part, joined with line breaks. */
export function textLines(...lines: string[]): string {
  return lines.join('\n')
}

export const MAIL_COLORS = {
  good: '#15803d',
  bad: '#b91c1c',
  neutral: '#52525b',
  text: '#18181b',
  muted: '#71717a',
  line: '#e4e4e7',
  page: '#f4f4f5',
  link: '#1d4ed8',
}

const FONT = 'Arial,Helvetica,sans-serif'

function Frame({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  return (
    <table role="presentation" width="560" cellPadding={0} cellSpacing={0} border={0} style={{ width: '100%', maxWidth: 560, ...style }}>
      <tbody>{children}</tbody>
    </table>
  )
}

/** The whole document: the renderer wraps each mail's component in it, with the subject as its title. */
export function MailDocument({ title, children }: { title: string; children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
      </head>
      <body style={{ margin: 0, padding: 0, background: MAIL_COLORS.page }}>
        <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} border={0} style={{ background: MAIL_COLORS.page }}>
          <tbody>
            <tr>
              <td align="center" style={{ padding: '24px 12px' }}>
                {children}
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  )
}

/** The white card that holds a mail's message, one MailRow per block. */
export function MailCard({ children }: { children: ReactNode }) {
  return <Frame style={{ background: '#ffffff', border: `1px solid ${MAIL_COLORS.line}` }}>{children}</Frame>
}

type RowProps = {
  children: ReactNode
  padding?: string
  /** a line above the row, between blocks of the card */
  divider?: boolean
  size?: number
  color?: string
  bold?: boolean
}

export function MailRow({ children, padding = '12px 24px', divider = false, size = 14, color = MAIL_COLORS.text, bold = false }: RowProps) {
  return (
    <tr>
      <td
        style={{
          padding,
          borderTop: divider ? `1px solid ${MAIL_COLORS.line}` : undefined,
          fontFamily: FONT,
          fontSize: size,
          color,
          fontWeight: bold ? 'bold' : undefined,
        }}
      >
        {children}
      </td>
    </tr>
  )
}

/** The one thing the mail asks the reader to do, as a button-like link. */
export function MailButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a
      href={mailHref(href)}
      style={{
        display: 'inline-block',
        padding: '10px 16px',
        background: MAIL_COLORS.link,
        color: '#ffffff',
        textDecoration: 'none',
        fontWeight: 'bold',
      }}
    >
      {children}
    </a>
  )
}

/** A quiet link, such as an unsubscribe link in a footer. */
export function MailLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={mailHref(href)} style={{ color: MAIL_COLORS.muted }}>
      {children}
    </a>
  )
}

/** Small print under the card: why the reader gets this mail. */
export function MailFooter({ children }: { children: ReactNode }) {
  return (
    <Frame>
      <MailRow size={12} color={MAIL_COLORS.muted}>
        {children}
      </MailRow>
    </Frame>
  )
}
