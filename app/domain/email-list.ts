import { z } from 'zod'

export const MAX_BULK_INVITES = 200

export type ListEntry = {
  /** 1-based line of the pasted text the address is on (several may share a line) */
  line: number
  input: string
  email: string | null
  error: string | null
}

const email = z.email()

/**
 * Splits a pasted list (one per line, or separated by commas or semicolons)
 * into addresses, each checked on its own. "Ada Lovelace <ada@example.com>"
 * is read as the address inside the brackets. Blank items are skipped;
 * a repeat is an error on the later item, so each address is invited once.
 */
export function parseEmailList(text: string): ListEntry[] {
  const items = text.split(/\r\n|\r|\n/).flatMap((row, i) =>
    row
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((input) => ({ line: i + 1, input })),
  )
  const seen = new Map<string, number>()
  return items.map(({ line, input }) => {
    const bracketed = /<([^<>]*)>\s*$/.exec(input)
    const candidate = (bracketed ? bracketed[1] : input).trim().toLowerCase()
    if (candidate.length > 254) return { line, input, email: null, error: 'This address is too long.' }
    if (!email.safeParse(candidate).success) return { line, input, email: null, error: 'This is not a valid email address.' }
    const first = seen.get(candidate)
    if (first !== undefined) return { line, input, email: candidate, error: `Already listed on line ${first}.` }
    seen.set(candidate, line)
    return { line, input, email: candidate, error: null }
  })
}
