// Links in mail. A secret link (an invitation, a password reset) is never
// stored: a stored mail holds LINK_PLACEHOLDER where it goes, and the link is
// put in only when the mail is delivered or shown to an admin.

/** Stored mail bodies hold this instead of a secret link; see renderMailLinks. */
export const LINK_PLACEHOLDER = '{{link}}'

/**
 * The href of a link in a mail: an http(s) URL, or the placeholder of a secret
 * link. Anything else (javascript:, data:, a relative path that means nothing
 * in an inbox) is a bug upstream, and the mail is refused rather than sent.
 */
export function mailHref(url: string): string {
  if (url === LINK_PLACEHOLDER || /^https?:\/\/[^\s]+$/i.test(url)) return url
  throw new RangeError(`A link in a mail must be an http(s) URL, got ${url}`)
}
