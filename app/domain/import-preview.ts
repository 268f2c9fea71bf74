// The preview of an import: each issue as the feature it will become, with
// its problems and whether it is a duplicate, and the feature record it is
// written as. The same function builds the preview and the import, so what
// the facilitator saw is what gets written.
import type { Question } from './classification'
import { deriveEngineeringStage, type Evidence } from './engineering-evidence'
import type { FeatureInput } from './feature-record'
import { SOURCE_LABELS, type ImportSource, type SourceIssue } from './feature-import'
import type { StageKey } from './stages'

export type PreviewRow = {
  line: number
  key: string
  title: string
  url: string | null
  startedOn: string | null
  shippedOn: string | null
  stage: StageKey
  /** how the stage was derived; null when it is the default chosen on the form */
  evidence: Evidence | null
  problems: string[]
  /** 'log': the team's log has this key already; 'file': an earlier row has it */
  duplicate: 'log' | 'file' | null
  description: string
}

export type PreviewOptions = {
  /** keys of this source already in the team's log */
  existingKeys: ReadonlySet<string>
  /** the stage for an issue whose source shows no engineering involvement */
  defaultStage: StageKey
}

/** Keys are short (ABC-123, owner/name#12); a longer one is a mapped column that is not the key. */
const MAX_KEY_LENGTH = 200

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null)

export function previewIssues(issues: readonly SourceIssue[], options: PreviewOptions): PreviewRow[] {
  const seen = new Set<string>()
  return issues.map((issue) => {
    const problems = [...issue.problems]
    if (!issue.key) problems.push('No issue key, so a second import could not tell it apart.')
    else if (issue.key.length > MAX_KEY_LENGTH)
      problems.push(`The issue key is longer than ${MAX_KEY_LENGTH} characters: map the key column.`)
    if (!issue.title) problems.push('No title.')
    const startedOn = day(issue.createdAt)
    const shippedOn = day(issue.resolvedAt)
    if (startedOn && shippedOn && shippedOn < startedOn) problems.push('Resolved before it was created.')
    const duplicate = issue.key && options.existingKeys.has(issue.key) ? 'log' : issue.key && seen.has(issue.key) ? 'file' : null
    if (issue.key) seen.add(issue.key)
    const evidence = issue.createdAt
      ? deriveEngineeringStage({ createdAt: issue.createdAt, resolvedAt: issue.resolvedAt, touches: issue.touches })
      : null
    return {
      line: issue.line,
      key: issue.key,
      title: issue.title,
      url: issue.url,
      startedOn,
      shippedOn,
      stage: evidence?.stage ?? options.defaultStage,
      evidence,
      problems,
      duplicate,
      description: issue.description,
    }
  })
}

/** Rows that will be created: no problem, not a duplicate. */
export function importable(rows: readonly PreviewRow[]) {
  return rows.filter((r) => r.problems.length === 0 && r.duplicate === null)
}

export function previewCounts(rows: readonly PreviewRow[]) {
  return {
    ready: importable(rows).length,
    duplicates: rows.filter((r) => r.duplicate !== null).length,
    problems: rows.filter((r) => r.problems.length > 0 && r.duplicate === null).length,
    derived: importable(rows).filter((r) => r.evidence !== null).length,
  }
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text)

/** Working days (Monday to Friday) from the first day to the last, counting the first: the effort an import can know. */
export function workingDays(from: string, to: string): number {
  const start = Date.parse(`${from}T00:00:00Z`)
  const end = Date.parse(`${to}T00:00:00Z`)
  let days = 0
  for (let t = start; t <= end; t += 86_400_000) {
    const weekday = new Date(t).getUTCDay()
    if (weekday !== 0 && weekday !== 6) days++
  }
  return Math.min(days, 5000)
}

export type ImportDefaults = { question: Question }

/**
 * The feature record an importable row is written as. What a tracker cannot
 * know is left for people to fill in: no spec counted, no planned effort
 * (so no overrun is shown), shipped as planned, outcome fine.
 */
export function importedFeature(row: PreviewRow, source: ImportSource, defaults: ImportDefaults): FeatureInput {
  const startedOn = row.startedOn ?? ''
  const shippedOn = row.shippedOn ?? startedOn
  const description = row.description.trim()
  return {
    name: clip(row.title, 120),
    problem: description
      ? clip(description, 1000)
      : `Imported from ${SOURCE_LABELS[source]} ${row.key}; the user problem is not written yet.`,
    ask: clip(row.title, 300),
    spec: { words: 0, pages: 0 },
    engineeringJoinedStage: row.stage,
    question: defaults.question,
    plannedDays: 0,
    actualDays: workingDays(startedOn, shippedOn),
    startedOn,
    shippedOn,
    shippedAs: 'as_planned',
    outcome: 'fine',
  }
}
