import type { LoaderFunctionArgs } from '@remix-run/node'
import { isUuid } from '~/domain/ids'
import { getOutboxMail } from '~/models/outbox.server'
import { requireAdmin } from '~/utils/auth.server'
import { invariantResponse } from '~/utils/refusals.server'
import { adminMailBody } from '~/utils/outbox-view.server'

/**
 * A mail's HTML part, for admins only. Mail HTML is content we did not write, so
 * it is served sandboxed: `sandbox` gives the page a unique origin with no
 * scripts, forms or top navigation, and nothing may be loaded from elsewhere.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request)
  const mail = isUuid(params.mailId) ? await getOutboxMail(admin.workspaceId, params.mailId) : null
  const html = mail ? adminMailBody(mail, request).html : null
  invariantResponse(html, 'Mail not found.')
  return new Response(html, {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'SAMEORIGIN',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'private, no-store',
    },
  })
}
