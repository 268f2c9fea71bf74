import type { OutboxMail } from '../../db/schema'
import { linkBase, renderMailLinks } from './tokens.server'

/**
 * A mail as a workspace admin may read it in the outbox. Invitation links are
 * always shown: admins make invitations, and without SMTP they hand the link
 * over themselves. A password reset link is shown only while the mail is
 * 'stored' (no SMTP), because then the admin is the only way it can reach its
 * owner; once mail goes out by SMTP, the link stays in the recipient's inbox.
 */
export function adminMailBody(mail: OutboxMail, request: Request) {
  const reveal = !mail.linkRef?.startsWith('password-reset:') || mail.status === 'stored'
  return renderMailLinks(mail, linkBase(request), { reveal })
}
