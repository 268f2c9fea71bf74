import { describe, expect, it } from 'vitest'
import { CsvSyntaxError, parseCsv, parseCsvRecords } from '~/domain/csv-parse'
import { deriveEngineeringStage } from '~/domain/engineering-evidence'
import {
  csvIssues,
  defaultMapping,
  derivedStageNote,
  issueLink,
  mappingProblems,
  parseSourceDate,
  recognizeSource,
} from '~/domain/feature-import'
import { githubLogins, githubSourceIssues, guessMember, readCarriedIssues, type GithubIssue } from '~/domain/github-import'
import { importable, importedFeature, previewCounts, previewIssues, workingDays } from '~/domain/import-preview'

const JIRA_HEADERS =
  'Summary,Issue key,Issue id,Issue Type,Status,Priority,Resolution,Assignee,Reporter,Creator,Created,Updated,Resolved,Description'
const LINEAR_HEADERS =
  'ID,Team,Title,Description,Status,Estimate,Priority,Creator,Assignee,Labels,Created,Updated,Started,Completed,Canceled'

describe('reading CSV', () => {
  it('reads quoted commas, doubled quotes and line breaks inside a field', () => {
    expect(parseCsvRecords('a,"b, c","say ""hi""","two\r\nlines"\r\nx,y,z,w\n')).toEqual([
      ['a', 'b, c', 'say "hi"', 'two\nlines'],
      ['x', 'y', 'z', 'w'],
    ])
  })

  it('drops a byte order mark so the first header matches', () => {
    expect(parseCsv('\uFEFFSummary,Issue key\r\nLogin,ABC-1\r\n')).toEqual({
      headers: ['Summary', 'Issue key'],
      rows: [['Login', 'ABC-1']],
      problems: [],
    })
  })

  it('keeps empty cells, pads short rows, skips blank lines and reports rows with extra cells', () => {
    const parsed = parseCsv('a,b,c\n1,,3\n\n4\n5,6,7,8\n')
    expect(parsed.rows).toEqual([
      ['1', '', '3'],
      ['4', '', ''],
    ])
    expect(parsed.problems).toEqual([{ row: 3, message: 'Row 3 has 4 cells but the header has 3.' }])
  })

  it('refuses a quote that is never closed', () => {
    expect(() => parseCsvRecords('a,"b\nc')).toThrow(CsvSyntaxError)
  })

  it('reads an empty file as no headers', () => {
    expect(parseCsv('\n\n')).toEqual({ headers: [], rows: [], problems: [] })
  })
})

describe('recognising the tracker', () => {
  it('knows Jira and Linear exports by their headers, and nothing else', () => {
    expect(recognizeSource(JIRA_HEADERS.split(','))).toBe('jira')
    expect(recognizeSource(LINEAR_HEADERS.split(','))).toBe('linear')
    expect(recognizeSource(['Name', 'Date'])).toBeNull()
  })

  it('pre-fills the mapping from the export’s own column names', () => {
    expect(defaultMapping('jira', JIRA_HEADERS.split(','))).toEqual({
      key: 'Issue key',
      title: 'Summary',
      created: 'Created',
      resolved: 'Resolved',
      link: '',
      description: 'Description',
      engineeringJoined: '',
    })
    expect(defaultMapping('linear', LINEAR_HEADERS.split(','))).toMatchObject({ key: 'ID', title: 'Title', resolved: 'Completed' })
    expect(mappingProblems(defaultMapping(null, ['Name']), ['Name'])).toContain('Choose the column for “Feature name”.')
    expect(mappingProblems({ ...defaultMapping('jira', JIRA_HEADERS.split(',')), link: 'Nope' }, JIRA_HEADERS.split(','))).toEqual([
      'The file has no column “Nope”.',
    ])
  })
})

describe('dates from trackers', () => {
  it('reads ISO dates, offsets and Jira’s day/month/year with AM and PM', () => {
    expect(parseSourceDate('2026-03-02T09:30:00.000Z')).toBe('2026-03-02T09:30:00.000Z')
    expect(parseSourceDate('2026-03-02 09:30:00+02')).toBe('2026-03-02T07:30:00.000Z')
    expect(parseSourceDate('2026-03-02')).toBe('2026-03-02T00:00:00.000Z')
    expect(parseSourceDate('02/Mar/26 3:45 PM')).toBe('2026-03-02T15:45:00.000Z')
    expect(parseSourceDate('12/Dec/2025 12:05 AM')).toBe('2025-12-12T00:05:00.000Z')
  })

  it('refuses impossible or unknown dates', () => {
    expect(parseSourceDate('2026-02-31')).toBeNull()
    expect(parseSourceDate('31/Foo/26')).toBeNull()
    expect(parseSourceDate('next Tuesday')).toBeNull()
    expect(parseSourceDate('0000-01-01T00:00:00Z')).toBeNull()
  })
})

describe('the stage engineering joined, derived', () => {
  const created = '2026-03-02T09:00:00Z'
  const touch = (at: string, how = 'commented', who = 'ana') => ({ at, how, who })

  it('is spec when an engineer was there within a day of the ticket', () => {
    expect(deriveEngineeringStage({ createdAt: created, resolvedAt: null, touches: [touch('2026-03-02T15:00:00Z')] })).toEqual({
      stage: 'spec',
      firstAt: '2026-03-02T15:00:00.000Z',
      sentence: 'ana commented 6 hours after the ticket was created.',
    })
  })

  it('is handoff when the first engineer came later, review when only after it was resolved', () => {
    const later = deriveEngineeringStage({
      createdAt: created,
      resolvedAt: '2026-03-20T00:00:00Z',
      touches: [touch('2026-03-12T00:00:00Z', 'was assigned', 'bo'), touch('2026-03-09T09:00:00Z')],
    })
    expect(later).toMatchObject({ stage: 'handoff', sentence: 'ana commented 7 days after the ticket was created.' })
    expect(
      deriveEngineeringStage({ createdAt: created, resolvedAt: '2026-03-05T00:00:00Z', touches: [touch('2026-03-06T00:00:00Z')] })?.stage,
    ).toBe('review')
  })

  it('is ideation when engineering was involved well before the ticket, and nothing without an engineer', () => {
    expect(
      deriveEngineeringStage({ createdAt: created, resolvedAt: null, touches: [touch('2026-02-20T00:00:00Z', 'joined')] })?.stage,
    ).toBe('ideation')
    expect(deriveEngineeringStage({ createdAt: created, resolvedAt: null, touches: [] })).toBeNull()
  })

  it('is said on the feature as derived, with the day and the evidence', () => {
    expect(derivedStageNote({ stageDerivedFrom: 'github', stageDerivedAt: '2026-03-04T10:00:00Z', stageEvidence: 'ana commented.' })).toBe(
      'Derived from GitHub on 4 Mar 2026: ana commented.',
    )
    expect(derivedStageNote({ stageDerivedFrom: null, stageDerivedAt: null, stageEvidence: null })).toBeNull()
  })
})

describe('previewing a Jira export', () => {
  const csv = [
    JIRA_HEADERS + ',Engineering joined',
    'Usage email,ABC-1,1,Story,Done,Medium,Done,Ana,Pia,Pia,02/Mar/26 9:00 AM,10/Mar/26 5:00 PM,10/Mar/26 5:00 PM,"Owners want, weekly, to know usage",02/Mar/26 2:00 PM',
    'Dashboard,ABC-2,2,Story,Open,Medium,,,Pia,Pia,03/Mar/26 9:00 AM,,,,',
    'Usage email again,ABC-1,3,Story,Done,Medium,Done,Ana,Pia,Pia,02/Mar/26 9:00 AM,10/Mar/26 5:00 PM,10/Mar/26 5:00 PM,,',
    'Old export,ABC-0,4,Story,Done,Medium,Done,Ana,Pia,Pia,someday,10/Mar/26 5:00 PM,10/Mar/26 5:00 PM,,',
  ].join('\r\n')
  const parsed = parseCsv(csv)
  const mapping = { ...defaultMapping('jira', parsed.headers), engineeringJoined: 'Engineering joined' }
  const rows = previewIssues(csvIssues(parsed, mapping, { linkBase: 'https://acme.atlassian.net/browse/' }), {
    existingKeys: new Set(['ABC-0']),
    defaultStage: 'handoff',
  })

  it('shows each row as the feature it becomes, with problems and duplicates', () => {
    expect(rows[0]).toMatchObject({
      key: 'ABC-1',
      url: 'https://acme.atlassian.net/browse/ABC-1',
      startedOn: '2026-03-02',
      shippedOn: '2026-03-10',
      stage: 'spec',
      problems: [],
      duplicate: null,
    })
    expect(rows[1]).toMatchObject({
      stage: 'handoff',
      evidence: null,
      problems: ['Not resolved yet: the log holds shipped features only.'],
    })
    expect(rows[2].duplicate).toBe('file')
    expect(rows[3]).toMatchObject({ duplicate: 'log', problems: ['“someday” is not a date Tandem can read.'] })
    expect(previewCounts(rows)).toEqual({ ready: 1, duplicates: 2, problems: 1, derived: 1 })
  })

  it('writes a valid feature record, leaving what the tracker cannot know for people to fill in', () => {
    const [ready] = importable(rows)
    expect(importedFeature(ready, 'jira', { question: 'what_could' })).toEqual({
      name: 'Usage email',
      problem: 'Owners want, weekly, to know usage',
      ask: 'Usage email',
      spec: { words: 0, pages: 0 },
      engineeringJoinedStage: 'spec',
      question: 'what_could',
      plannedDays: 0,
      actualDays: 7,
      startedOn: '2026-03-02',
      shippedOn: '2026-03-10',
      shippedAs: 'as_planned',
      outcome: 'fine',
    })
    expect(workingDays('2026-03-06', '2026-03-09')).toBe(2)
    expect(issueLink('', 'ABC-1')).toBeNull()
  })
})

describe('GitHub issues', () => {
  const issue = (n: number, extra: Partial<GithubIssue> = {}): GithubIssue => ({
    number: n,
    title: `Issue ${n}`,
    body: '',
    url: `https://github.com/acme/app/issues/${n}`,
    createdAt: '2026-03-02T09:00:00Z',
    closedAt: '2026-03-12T09:00:00Z',
    closedAs: 'completed',
    touches: [
      { at: '2026-03-02T09:00:00Z', how: 'opened the issue', login: 'pia-pm' },
      { at: '2026-03-05T09:00:00Z', how: 'commented', login: 'ana-dev' },
    ],
    ...extra,
  })

  it('counts only the touches of logins mapped to engineers, and keys issues by repository', () => {
    const [engineer] = githubSourceIssues([issue(1)], { repo: 'acme/app', engineerLogins: new Set(['ANA-dev']) })
    expect(engineer.key).toBe('acme/app#1')
    expect(engineer.touches).toEqual([{ at: '2026-03-05T09:00:00Z', how: 'commented', who: 'ana-dev' }])
    const [nobody] = githubSourceIssues([issue(1)], { repo: 'acme/app', engineerLogins: new Set() })
    expect(nobody.touches).toEqual([])
  })

  it('flags open and not-planned issues and lists people by how many issues they touched', () => {
    const issues = githubSourceIssues([issue(2, { closedAs: 'open', closedAt: null }), issue(3, { closedAs: 'not_planned' })], {
      repo: 'acme/app',
      engineerLogins: new Set(),
    })
    expect(issues.map((i) => i.problems)).toEqual([
      ['Not resolved yet: the log holds shipped features only.'],
      ['Closed as not planned: nothing shipped.'],
    ])
    expect(githubLogins([issue(1), issue(2, { touches: [{ at: '2026-03-02T09:00:00Z', how: 'commented', login: 'ana-dev' }] })])).toEqual([
      'ana-dev',
      'pia-pm',
    ])
  })

  it('guesses a member from the email name or name, and refuses carried issues that are not issues', () => {
    const people = [{ userId: 'u1', name: 'Ana Dev', email: 'ana.dev@acme.test', discipline: 'engineering' }]
    expect(guessMember('ana-dev', people)?.userId).toBe('u1')
    expect(guessMember('someone', people)).toBeNull()
    expect(readCarriedIssues(JSON.stringify([issue(1)]))).toHaveLength(1)
    expect(readCarriedIssues('[{"number":"x"}]')).toBeNull()
    expect(readCarriedIssues('not json')).toBeNull()
  })
})

describe('GitHub pagination', () => {
  it('follows the Link header’s next page, and stops without one', async () => {
    const { nextLink } = await import('~/utils/github.server')
    expect(
      nextLink(
        '<https://api.github.com/repositories/1/issues?state=all&per_page=100&page=2>; rel="next", <https://api.github.com/repositories/1/issues?state=all&per_page=100&page=5>; rel="last"',
      ),
    ).toBe('https://api.github.com/repositories/1/issues?state=all&per_page=100&page=2')
    expect(
      nextLink('<https://api.github.com/repositories/1/issues?page=1>; rel="prev", <https://api.github.com/x?page=1>; rel="first"'),
    ).toBeNull()
    expect(nextLink(null)).toBeNull()
  })
})
