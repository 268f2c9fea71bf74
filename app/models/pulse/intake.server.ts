// Recording an answer in one statement: the session check, the roster and
// round-open check under the round's share lock, and the three inserts travel
// to the database together and commit together. Answering is the one write
// everybody makes in the same few minutes, so it costs one round trip and no
// query building. See docs/decisions/012-one-round-trip-per-answer.md.
import { sql, type SQL } from 'drizzle-orm'
import { getDb } from '../../../db/client.server'
import { refuse } from '~/domain/refusal'
import { activeSessionQuery, sessionTouchQuery } from '../auth-session.server'
import { rowsOf } from '../rows.server'

export const NOT_YOUR_PULSE = 'This pulse does not exist or is not for your team.'
const PULSE_CLOSED = 'This pulse is closed. Thank you for wanting to answer; the next one will come soon.'

/** Who answers: the person behind a session token (the form), or a person already known (scripts and tests). */
export type Answerer = { tokenHash: string } | { id: string; workspaceId: string }

export type AnswerInput = {
  /** item id → 1…7 */
  answers: Record<string, number>
  comment: string | null
}

export type AnswerOutcome =
  | 'recorded'
  | 'already-answered'
  /** no live session behind the token */
  | 'signed-out'
  /** no such round in the person's workspace, or they are not on its roster */
  | 'not-on-roster'
  | 'closed'
  /** the items answered are not the round's (some foreign, or, when every item is required, some missing) */
  | 'items-differ'

type Row = { signed_in: boolean; open: boolean | null; fits: boolean | null; recorded: boolean }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** A PostgreSQL array literal; only ids and small integers, checked here, ever reach it. */
function arrayLiteral(values: readonly (string | number)[]) {
  return `{${values.join(',')}}`
}

/**
 * Records one anonymous response in a single statement, or says why not.
 * The round row is read under a share lock (`for share of r`) held until the
 * statement commits: a close takes the row's exclusive lock, so it waits for
 * this answer, and an answer that comes after a close finds the round closed
 * (see tests/security/anonymity/racing-close.test.ts). The discipline is the
 * roster's, never the form's. The participation's primary key makes a second
 * submission, however concurrent, insert nothing, and with no participation
 * no response or answers are written either. `every` requires each of the
 * round's items to be answered (the form does); items not asked by the round
 * are never written.
 */
async function recordAnswer(
  who: Answerer,
  roundId: string,
  input: AnswerInput,
  { every = true, now = new Date() }: { every?: boolean; now?: Date } = {},
): Promise<AnswerOutcome> {
  const entries = Object.entries(input.answers)
  if (!UUID.test(roundId) || entries.some(([id, value]) => !UUID.test(id) || !Number.isInteger(value) || value < 1 || value > 7)) {
    return 'items-differ'
  }
  const person: SQL =
    'tokenHash' in who
      ? activeSessionQuery(who.tokenHash, now)
      : sql`select ${who.id}::uuid as user_id, ${who.workspaceId}::uuid as workspace_id, null::uuid as session_id`
  const itemIds = arrayLiteral(entries.map(([id]) => id))
  const values = arrayLiteral(entries.map(([, value]) => value))
  const db = await getDb()
  const result = await db.execute(sql`
    with who as (${person}),
    touched as (${sessionTouchQuery(sql`(select session_id from who)`, now)}),
    given as (select * from unnest(${itemIds}::uuid[], ${values}::smallint[]) as g(item_id, value)),
    asked as (select item_id from round_items where round_id = ${roundId}::uuid),
    fit as (
      select not exists (select 1 from given where item_id not in (select item_id from asked))
        and (not ${every}::boolean or not exists (select 1 from asked where item_id not in (select item_id from given))) as ok
    ),
    round as (
      select r.id, r.workspace_id, r.team_id, rr.discipline, (r.status = 'open' and r.closes_at > ${now.toISOString()}::timestamptz) as open
      from rounds r
      join who on who.workspace_id = r.workspace_id
      join round_roster rr on rr.round_id = r.id and rr.user_id = who.user_id
      where r.id = ${roundId}::uuid
      for share of r
    ),
    claimed as (
      insert into participations (workspace_id, round_id, user_id)
      select round.workspace_id, round.id, who.user_id from round, who, fit where round.open and fit.ok
      on conflict do nothing
      returning round_id
    ),
    response as (
      insert into responses (workspace_id, round_id, team_id, discipline, comment)
      select round.workspace_id, round.id, round.team_id, round.discipline, ${input.comment} from round, claimed
      returning id
    ),
    stored as (
      insert into answers (workspace_id, response_id, item_id, value)
      select round.workspace_id, response.id, given.item_id, given.value from round, response, given
    )
    select exists (select 1 from who) as signed_in, (select open from round) as open, (select ok from fit) as fits,
      exists (select 1 from claimed) as recorded
  `)
  const [row] = rowsOf<Row>(result)
  if (!row?.signed_in) return 'signed-out'
  if (row.open === null) return 'not-on-roster'
  if (!row.open) return 'closed'
  if (!row.fits) return 'items-differ'
  return row.recorded ? 'recorded' : 'already-answered'
}

/**
 * recordAnswer, with the refusals a person is shown: 404 when the round is not
 * theirs (unknown, foreign, or they are not on its roster), 409 when it is closed.
 * 'signed-out' and 'items-differ' are left to the caller, which knows what to
 * tell (a sign-in page, the form's own errors).
 */
export async function submitAnswer(
  who: Answerer,
  roundId: string,
  input: AnswerInput,
  options?: { every?: boolean; now?: Date },
): Promise<'recorded' | 'already-answered' | 'signed-out' | 'items-differ'> {
  const outcome = await recordAnswer(who, roundId, input, options)
  if (outcome === 'not-on-roster') refuse(404, NOT_YOUR_PULSE)
  if (outcome === 'closed') refuse(409, PULSE_CLOSED)
  return outcome
}
