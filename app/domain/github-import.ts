// GitHub issues as feature-log imports: the issue shape carried between the
// preview and the import, which logins count as engineers, and each issue as
// a SourceIssue. Pure; the HTTP side is ~/utils/github.server.
import { z } from 'zod'
import { NOT_SHIPPED, parseSourceDate, type SourceIssue } from './feature-import'

export const REPOSITORY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/

export const GithubTouchSchema = z.object({ at: z.string().max(40), how: z.string().max(40), login: z.string().max(100) })
export const GithubIssueSchema = z.object({
  number: z.number().int().positive(),
  title: z.string().max(1000),
  body: z.string().max(1000),
  url: z.string().max(500),
  createdAt: z.string().max(40),
  closedAt: z.string().max(40).nullable(),
  closedAs: z.enum(['completed', 'not_planned', 'open']),
  /** the opener, comment authors and assignees, each with when */
  touches: z.array(GithubTouchSchema).max(200),
})
export type GithubIssue = z.infer<typeof GithubIssueSchema>

/** The fetched issues as carried in the preview form, or null when the text is not that. */
export function readCarriedIssues(text: string): GithubIssue[] | null {
  try {
    const parsed = z.array(GithubIssueSchema).max(1000).safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Everyone who opened, commented on or was assigned an issue, by how often, most first. */
export function githubLogins(issues: readonly GithubIssue[]): string[] {
  const counts = new Map<string, number>()
  for (const issue of issues) for (const t of new Set(issue.touches.map((x) => x.login))) counts.set(t, (counts.get(t) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([login]) => login)
}

export type TeamPerson = { userId: string; name: string; email: string; discipline: string }

/**
 * The team member a login most likely is, for pre-filling the mapping: the
 * email's local part or the name, letters and digits only, equal to the login.
 */
export function guessMember(login: string, people: readonly TeamPerson[]): TeamPerson | null {
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '')
  const target = squash(login)
  if (!target) return null
  return people.find((p) => squash(p.email.split('@')[0]) === target || squash(p.name) === target) ?? null
}

/** Issues as SourceIssues, with only the touches of logins mapped to engineers kept as evidence. */
export function githubSourceIssues(
  issues: readonly GithubIssue[],
  { repo, engineerLogins }: { repo: string; engineerLogins: ReadonlySet<string> },
): SourceIssue[] {
  const engineers = new Set([...engineerLogins].map((l) => l.toLowerCase()))
  return issues.map((issue) => {
    const problems: string[] = []
    const createdAt = parseSourceDate(issue.createdAt)
    const closedAt = issue.closedAt ? parseSourceDate(issue.closedAt) : null
    if (!createdAt) problems.push('No readable creation date.')
    if (issue.closedAs === 'open') problems.push(NOT_SHIPPED)
    else if (issue.closedAs === 'not_planned') problems.push('Closed as not planned: nothing shipped.')
    else if (!closedAt) problems.push('No readable closing date.')
    return {
      line: issue.number,
      // The repository is part of the key: two repositories both have a #12.
      key: `${repo}#${issue.number}`,
      title: issue.title.trim(),
      createdAt,
      resolvedAt: issue.closedAs === 'completed' ? closedAt : null,
      url: /^https:\/\//.test(issue.url) ? issue.url : null,
      description: issue.body,
      touches: issue.touches.filter((t) => engineers.has(t.login.toLowerCase())).map((t) => ({ at: t.at, how: t.how, who: t.login })),
      problems,
    }
  })
}
