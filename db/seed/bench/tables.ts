// The rows of one batch of teams, as COPY text per table. Keys are in foreign
// key order: copying them in this order never references a row not yet there.
import type { BulkConnection } from './bulk'

const COLUMNS = {
  users: ['id', 'workspace_id', 'email', 'name', 'password_hash', 'is_admin', 'created_at'],
  teams: ['id', 'workspace_id', 'name', 'created_at'],
  memberships: ['id', 'workspace_id', 'team_id', 'user_id', 'discipline', 'role', 'created_at'],
  membership_events: ['id', 'workspace_id', 'team_id', 'user_id', 'actor_id', 'kind', 'from_value', 'to_value', 'created_at'],
  pulse_programs: ['id', 'workspace_id', 'team_id', 'template_id', 'cadence', 'window_days', 'start_date', 'active', 'created_at'],
  rounds: [
    'id',
    'workspace_id',
    'team_id',
    'program_id',
    'template_id',
    'status',
    'opens_at',
    'closes_at',
    'opened_at',
    'closed_at',
    'reminder_sent_at',
    'eligible_count',
    'anonymity_k',
    'comment_k',
    'comparison',
    'created_at',
  ],
  round_items: ['workspace_id', 'round_id', 'item_id', 'position'],
  round_roster: ['workspace_id', 'round_id', 'user_id', 'discipline'],
  responses: ['id', 'workspace_id', 'round_id', 'team_id', 'discipline', 'comment'],
  answers: ['workspace_id', 'response_id', 'item_id', 'value'],
  participations: ['workspace_id', 'round_id', 'user_id'],
  pulse_rollups: [
    'workspace_id',
    'team_id',
    'round_id',
    'closed_at',
    'discipline',
    'dimension',
    'responses',
    'score_sum',
    'scored',
    'anonymity_k',
  ],
  notifications: ['id', 'workspace_id', 'user_id', 'message', 'href', 'created_at'],
  features: [
    'id',
    'workspace_id',
    'team_id',
    'name',
    'problem',
    'ask',
    'spec_text',
    'spec_words',
    'spec_pages',
    'engineering_joined_stage',
    'question',
    'planned_days',
    'actual_days',
    'started_on',
    'shipped_on',
    'shipped_as',
    'change_what',
    'change_why',
    'upset_disciplines',
    'outcome',
    'classification',
    'engineering_before_spec',
    'created_by',
    'created_at',
    'updated_at',
  ],
  autopsies: [
    'id',
    'workspace_id',
    'team_id',
    'feature_id',
    'stage',
    'asked_for',
    'specified',
    'built',
    'needed',
    'failure_origin_stage',
    'hindsight_solution',
    'hindsight_days',
    'show_names',
    'revealed_at',
    'gate_state',
    'override_reason',
    'override_by',
    'override_at',
    'published_at',
    'created_by',
    'created_at',
    'updated_at',
  ],
  autopsy_stages: ['workspace_id', 'autopsy_id', 'stage', 'product', 'engineering', 'design', 'started_on', 'ended_on', 'note'],
  autopsy_perspectives: ['id', 'workspace_id', 'autopsy_id', 'author_id', 'discipline', 'body', 'origin_stage', 'created_at', 'updated_at'],
  autopsy_factors: ['id', 'workspace_id', 'team_id', 'autopsy_id', 'factor', 'label', 'created_at'],
  actions: [
    'id',
    'workspace_id',
    'team_id',
    'autopsy_id',
    'kind',
    'title',
    'owner_id',
    'due_on',
    'status',
    'created_at',
    'updated_at',
    'started_at',
  ],
  autopsy_events: ['id', 'workspace_id', 'autopsy_id', 'actor_id', 'action', 'before', 'after', 'created_at'],
} as const

export type TableName = keyof typeof COLUMNS
export type Tables = Record<TableName, string[]>

export function emptyTables(): Tables {
  const out: Partial<Tables> = {}
  for (const name of Object.keys(COLUMNS) as TableName[]) out[name] = []
  return out as Tables
}

/** Copies every table of the batch, in foreign key order. */
export async function copyTables(conn: BulkConnection, tables: Tables) {
  for (const name of Object.keys(COLUMNS) as TableName[]) {
    await conn.copy(name, COLUMNS[name], tables[name])
  }
}
