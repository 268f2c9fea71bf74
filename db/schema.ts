// One schema for both drivers (PGlite and PostgreSQL), read top to bottom.
// Habits every later table follows:
// - a workspace-owned table carries workspace_id, indexed, and queries filter on it;
// - ids users can see are random UUIDs, never sequences;
// - time is timestamptz in UTC, shown in the workspace's time zone.
import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'

const id = () => uuid('id').primaryKey().defaultRandom()
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
const tz = (name: string) => timestamp(name, { withTimezone: true })
const workspaceRef = () =>
  uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' })

export const workspaces = pgTable('workspaces', {
  id: id(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('UTC'),
  // Anonymity thresholds: a group shows scores only with >= k responses.
  anonymityK: smallint('anonymity_k').notNull().default(5),
  commentK: smallint('comment_k').notNull().default(7),
  // Respect-deficit thresholds (0-100 scale; gap in points).
  deficitRespectIndex: smallint('deficit_respect_index').notNull().default(60),
  deficitDirectional: smallint('deficit_directional').notNull().default(55),
  deficitGap: smallint('deficit_gap').notNull().default(15),
  // Weekly digest: ISO weekday 1-7 and hour 0-23 in the workspace time zone.
  digestWeekday: smallint('digest_weekday').notNull().default(1),
  digestHour: smallint('digest_hour').notNull().default(8),
  // The optional generative-culture module: while on, rounds that open also ask its items.
  generativeCulture: boolean('generative_culture').notNull().default(false),
  // Team first: for this many days after a round closes, its results are
  // shown to the team's members and not yet to leaders (0 or off: at once).
  teamFirst: boolean('team_first').notNull().default(true),
  teamFirstDays: smallint('team_first_days').notNull().default(2),
  createdAt: createdAt(),
})

export const users = pgTable(
  'users',
  {
    id: id(),
    workspaceId: workspaceRef(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    isAdmin: boolean('is_admin').notNull().default(false),
    digestOptOut: boolean('digest_opt_out').notNull().default(false),
    // The discipline someone said they work in when single sign-on made their
    // account; the default when an admin adds them to a team.
    discipline: text('discipline', { enum: ['product', 'engineering', 'design', 'other'] }),
    // A deactivated person keeps their row (their anonymous answers stay
    // counted and unlinkable) but cannot sign in or reset a password.
    deactivatedAt: tz('deactivated_at'),
    createdAt: createdAt(),
  },
  (t) => [
    // Email is the sign-in name, so it is unique across the installation.
    uniqueIndex('users_email_unique').on(t.email),
    index('users_workspace_idx').on(t.workspaceId),
  ],
)

export const teams = pgTable(
  'teams',
  {
    id: id(),
    workspaceId: workspaceRef(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('teams_workspace_idx').on(t.workspaceId), uniqueIndex('teams_workspace_name_unique').on(t.workspaceId, t.name)],
)

export const memberships = pgTable(
  'memberships',
  {
    id: id(),
    workspaceId: workspaceRef(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    discipline: text('discipline', { enum: ['product', 'engineering', 'design', 'other'] }).notNull(),
    role: text('role', { enum: ['member', 'facilitator', 'leader'] })
      .notNull()
      .default('member'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('memberships_team_user_unique').on(t.teamId, t.userId),
    index('memberships_workspace_idx').on(t.workspaceId),
    index('memberships_user_idx').on(t.workspaceId, t.userId),
  ],
)

export const invites = pgTable(
  'invites',
  {
    id: id(),
    workspaceId: workspaceRef(),
    // Only a hash of the token is stored: a database leak must not hand out accounts.
    tokenHash: text('token_hash').notNull(),
    email: text('email').notNull(),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    discipline: text('discipline', { enum: ['product', 'engineering', 'design', 'other'] }).notNull(),
    role: text('role', { enum: ['member', 'facilitator', 'leader'] })
      .notNull()
      .default('member'),
    makeAdmin: boolean('make_admin').notNull().default(false),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: tz('expires_at').notNull(),
    usedAt: tz('used_at'),
    revokedAt: tz('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('invites_token_hash_unique').on(t.tokenHash),
    index('invites_workspace_idx').on(t.workspaceId),
    // One open invitation per email and workspace; an expired one is closed
    // (revoked_at set) before a new one is made.
    uniqueIndex('invites_pending_email_unique')
      .on(t.workspaceId, t.email)
      .where(sql`used_at is null and revoked_at is null`),
  ],
)

// Mail is written here first in every configuration. With SMTP it is then
// delivered (and retried with backoff); without SMTP admins read it in the app.
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    workspaceId: workspaceRef(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    // A key such as "digest:2026-W48:<userId>" makes a send idempotent across instances.
    dedupeKey: text('dedupe_key'),
    // Mail sent to a group, such as a round's reminder, shares a batch key. The
    // outbox shows a batch as one line with a count: a reminder's recipients are
    // exactly the people who had not answered, so no page may list them.
    batchKey: text('batch_key'),
    // The record behind a secret link ('invite:<id>', 'password-reset:<id>').
    // Bodies hold a placeholder instead of the link, which is derived from the
    // server secret only when the mail is delivered or an admin opens it.
    linkRef: text('link_ref'),
    // Where it goes: mail to to_address; a Slack direct message to recipient_id
    // (to_address holds their email, looked up in Slack at delivery) or a Slack
    // channel post (to_address holds the channel id); a Microsoft Teams post
    // through the workspace's workflow webhook. Tokens and webhook URLs stay
    // sealed in chat_connections, never in a row here.
    channel: text('channel', { enum: ['mail', 'slack', 'teams'] })
      .notNull()
      .default('mail'),
    recipientId: uuid('recipient_id').references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'stored'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tz('next_attempt_at').notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: tz('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('outbox_dedupe_unique').on(t.workspaceId, t.dedupeKey),
    index('outbox_workspace_idx').on(t.workspaceId, t.createdAt),
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_batch_idx').on(t.workspaceId, t.batchKey),
  ],
)

export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    workspaceId: workspaceRef(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    message: text('message').notNull(),
    href: text('href'),
    // What it is about (a kind of ~/domain/nudges) and the record it is about,
    // such as the round a pulse notice asks to answer: answering that round
    // makes the notice read. Null on notices written before kinds existed.
    kind: text('kind'),
    subjectId: uuid('subject_id'),
    // Makes a notice idempotent per person: a scheduler job that runs on two
    // instances, or twice, writes it once.
    dedupeKey: text('dedupe_key'),
    readAt: tz('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_user_idx').on(t.workspaceId, t.userId, t.createdAt),
    uniqueIndex('notifications_dedupe_unique').on(t.userId, t.dedupeKey),
  ],
)

// Mail a person does not want, per kind of notice. No row: mail is sent (when
// SMTP is set). The in-app notice is always written.
export const mailOptOuts = pgTable(
  'mail_opt_outs',
  {
    workspaceId: workspaceRef(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] }), index('mail_opt_outs_workspace_idx').on(t.workspaceId)],
)

// Backoff for sign-in, password reset, invitation and unsubscribe attempts,
// per key (account, client address, or both). In the database so the limit
// holds across app instances; old rows are removed by the scheduler.
export const authThrottle = pgTable(
  'auth_throttle',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull().default(0),
    blockedUntil: tz('blocked_until').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('auth_throttle_updated_idx').on(t.updatedAt)],
)

// A signed-in browser. The cookie holds a random token; only its SHA-256 is
// kept here, so a copy of the database signs nobody in.
export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    // A coarse description such as "Firefox on Linux", never the raw header.
    device: text('device').notNull().default(''),
    createdAt: createdAt(),
    lastSeenAt: tz('last_seen_at').notNull().defaultNow(),
    expiresAt: tz('expires_at').notNull(),
  },
  (t) => [uniqueIndex('sessions_token_hash_unique').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
)

// Single-use password reset links; only a hash of the token is stored.
export const passwordResets = pgTable(
  'password_resets',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    expiresAt: tz('expires_at').notNull(),
    usedAt: tz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('password_resets_token_hash_unique').on(t.tokenHash), index('password_resets_user_idx').on(t.userId)],
)

// Installation-level key/value (e.g. the generated session secret for a shared database).
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
})

export type Workspace = typeof workspaces.$inferSelect
export type User = typeof users.$inferSelect
export type Team = typeof teams.$inferSelect
export type Membership = typeof memberships.$inferSelect
export type Invite = typeof invites.$inferSelect
export type OutboxMail = typeof outbox.$inferSelect
export type Session = typeof sessions.$inferSelect

// ---------------------------------------------------------------- Pulse surveys

export const surveyTemplates = pgTable(
  'survey_templates',
  {
    id: id(),
    workspaceId: workspaceRef(),
    name: text('name').notNull(),
    // null for the workspace's pulse; a module's key for the items an optional module adds to rounds
    module: text('module'),
    createdAt: createdAt(),
  },
  (t) => [index('survey_templates_workspace_idx').on(t.workspaceId)],
)

// Items are versioned: rewording an item retires the row and adds a new one with
// the same item_key and version + 1, so a trend never silently mixes two wordings.
export const surveyItems = pgTable(
  'survey_items',
  {
    id: id(),
    workspaceId: workspaceRef(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => surveyTemplates.id, { onDelete: 'cascade' }),
    itemKey: text('item_key').notNull(),
    version: smallint('version').notNull().default(1),
    dimension: text('dimension').notNull(),
    direction: text('direction', { enum: ['product_to_engineering', 'engineering_to_product'] }),
    wording: text('wording').notNull(),
    reverseScored: boolean('reverse_scored').notNull().default(false),
    position: smallint('position').notNull(),
    retiredAt: tz('retired_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('survey_items_template_idx').on(t.workspaceId, t.templateId),
    uniqueIndex('survey_items_key_version_unique').on(t.templateId, t.itemKey, t.version),
  ],
)

export const pulsePrograms = pgTable(
  'pulse_programs',
  {
    id: id(),
    workspaceId: workspaceRef(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    templateId: uuid('template_id')
      .notNull()
      .references(() => surveyTemplates.id),
    cadence: text('cadence', { enum: ['weekly', 'biweekly', 'monthly'] }).notNull(),
    windowDays: smallint('window_days').notNull().default(3),
    startDate: date('start_date').notNull(),
    active: boolean('active').notNull().default(true),
    // Reminders, in days after a round opens, to those who have not answered.
    // Null: one reminder halfway through the window.
    reminderDays: smallint('reminder_days').array(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('pulse_programs_team_unique').on(t.teamId), index('pulse_programs_workspace_idx').on(t.workspaceId)],
)

export const rounds = pgTable(
  'rounds',
  {
    id: id(),
    workspaceId: workspaceRef(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    programId: uuid('program_id').references(() => pulsePrograms.id, { onDelete: 'set null' }),
    templateId: uuid('template_id')
      .notNull()
      .references(() => surveyTemplates.id),
    status: text('status', { enum: ['scheduled', 'open', 'closed'] })
      .notNull()
      .default('scheduled'),
    opensAt: tz('opens_at').notNull(),
    closesAt: tz('closes_at').notNull(),
    openedAt: tz('opened_at'),
    closedAt: tz('closed_at'),
    reminderSentAt: tz('reminder_sent_at'),
    // How many of the program's reminders went out: the next one is due at its
    // index, so a reminder is never sent twice.
    remindersSent: smallint('reminders_sent').notNull().default(0),
    // Eligible members when the round opened: the participation denominator.
    eligibleCount: integer('eligible_count').notNull().default(0),
    // The anonymity thresholds people answered under, copied from the workspace
    // when the round opens. Every read uses these; settings changed later apply
    // to later rounds, and may only ever raise these.
    anonymityK: smallint('anonymity_k').notNull().default(5),
    commentK: smallint('comment_k').notNull().default(7),
    // How product and engineering can be compared, decided from the roster at
    // open so that it never depends on who answered (~/domain/perception-split).
    comparison: text('comparison', { enum: ['disciplines', 'product-vs-rest', 'engineering-vs-rest', 'none'] })
      .notNull()
      .default('disciplines'),
    createdAt: createdAt(),
  },
  (t) => [
    index('rounds_team_idx').on(t.workspaceId, t.teamId, t.opensAt),
    index('rounds_due_idx').on(t.status, t.opensAt),
    uniqueIndex('rounds_program_opens_unique').on(t.programId, t.opensAt),
    // At most one open round per team, whatever opened it (scheduler or a facilitator).
    uniqueIndex('rounds_one_open_per_team')
      .on(t.teamId)
      .where(sql`status = 'open'`),
    check('rounds_window_check', sql`${t.closesAt} > ${t.opensAt}`),
  ],
)

// The items a round asked, frozen when it opened.
export const roundItems = pgTable(
  'round_items',
  {
    workspaceId: workspaceRef(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => surveyItems.id),
    position: smallint('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.itemId] })],
)

// Who may answer a round, fixed when it opens, with the discipline each answer
// counts under. Joining the team later does not add anyone to an open round.
export const roundRoster = pgTable(
  'round_roster',
  {
    workspaceId: workspaceRef(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    discipline: text('discipline', { enum: ['product', 'engineering', 'design', 'other'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.userId] }), index('round_roster_user_idx').on(t.workspaceId, t.userId)],
)

// ANONYMITY: a response row holds nothing that links it to a person. No user id,
// no token, no timestamp (only the round), and a random id. Who answered lives in
// `participations`, written in the same transaction.
export const responses = pgTable(
  'responses',
  {
    id: id(),
    workspaceId: workspaceRef(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    // The author's discipline while the round is open; at close, 'rest' for a
    // discipline too small to be shown on its own (see ~/domain/disciplines).
    discipline: text('discipline', { enum: ['product', 'engineering', 'design', 'other', 'rest'] }).notNull(),
    comment: text('comment'),
  },
  // By round alone: every read and the close look a round's responses up by
  // its id, and the round id already fixes the workspace.
  (t) => [index('responses_round_idx').on(t.roundId)],
)

export const answers = pgTable(
  'answers',
  {
    workspaceId: workspaceRef(),
    responseId: uuid('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => surveyItems.id),
    value: smallint('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.itemId] }),
    index('answers_item_idx').on(t.workspaceId, t.itemId),
    check('answers_value_check', sql`${t.value} between 1 and 7`),
  ],
)

// "Member X answered round R": no timestamp and nothing pointing at the response.
export const participations = pgTable(
  'participations',
  {
    workspaceId: workspaceRef(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.userId] }), index('participations_user_idx').on(t.workspaceId, t.userId)],
)

// Every change of the anonymity thresholds, listed on the anonymity page that
// every member can read.
export const anonymityChanges = pgTable(
  'anonymity_changes',
  {
    id: id(),
    workspaceId: workspaceRef(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    kBefore: smallint('k_before').notNull(),
    kAfter: smallint('k_after').notNull(),
    commentKBefore: smallint('comment_k_before').notNull(),
    commentKAfter: smallint('comment_k_after').notNull(),
    /** closed or open rounds made stricter by this change (never looser) */
    roundsRaised: integer('rounds_raised').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('anonymity_changes_workspace_idx').on(t.workspaceId, t.createdAt)],
)

// Membership changes, shown to the team's members: an account added to tip a
// group over the threshold is visible to the people it would expose.
export const membershipEvents = pgTable(
  'membership_events',
  {
    id: id(),
    workspaceId: workspaceRef(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: ['joined', 'left', 'discipline_changed', 'role_changed'] }).notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    createdAt: createdAt(),
  },
  (t) => [index('membership_events_team_idx').on(t.workspaceId, t.teamId, t.createdAt)],
)

export type SurveyItem = typeof surveyItems.$inferSelect
export type PulseProgram = typeof pulsePrograms.$inferSelect
export type Round = typeof rounds.$inferSelect

// ---------------------------------------------------------------- Autopsies
// The feature log (the denominator) and "this isn't what we asked for"
// autopsies. Trend views aggregate these by workspace, team and ship date, so
// the derived columns (classification, engineering_before_spec) are stored at
// write time and indexed with the date, instead of recomputed per query.

const STAGE_ENUM = ['discovery', 'framing', 'ideation', 'spec', 'handoff', 'build', 'review', 'launch', 'feedback'] as const
const disciplineEnum = ['product', 'engineering', 'design', 'other'] as const
const days = (name: string) => numeric(name, { precision: 7, scale: 1, mode: 'number' })
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
const FEATURE_SOURCES = ['jira', 'linear', 'github'] as const

export const features = pgTable(
  'features',
  {
    id: id(),
    workspaceId: workspaceRef(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** "Y": the user problem */
    problem: text('problem').notNull(),
    /** "X": the ask as it arrived, e.g. "better analytics" */
    ask: text('ask').notNull(),
    /** the pasted spec, when someone pasted it rather than counting */
    specText: text('spec_text'),
    specWords: integer('spec_words').notNull().default(0),
    specPages: numeric('spec_pages', { precision: 6, scale: 1, mode: 'number' }).notNull().default(0),
    engineeringJoinedStage: text('engineering_joined_stage', { enum: STAGE_ENUM }).notNull(),
    question: text('question', { enum: ['how_fast', 'what_could'] }).notNull(),
    plannedDays: days('planned_days').notNull(),
    actualDays: days('actual_days').notNull(),
    startedOn: date('started_on').notNull(),
    shippedOn: date('shipped_on').notNull(),
    shippedAs: text('shipped_as', { enum: ['as_planned', 'differently'] }).notNull(),
    changeWhat: text('change_what'),
    changeWhy: text('change_why'),
    /** a set of disciplines; empty when nobody was upset */
    upsetDisciplines: text('upset_disciplines', { enum: disciplineEnum })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    outcome: text('outcome', { enum: ['fine', 'not_what_we_asked'] }).notNull(),
    // Derived by ~/domain/classification on every write.
    classification: text('classification', { enum: ['collaboration', 'handoff'] }).notNull(),
    engineeringBeforeSpec: boolean('engineering_before_spec').notNull(),
    // An imported feature: where it came from and its key there (unique per
    // team, so importing the same export twice creates nothing new).
    source: text('source', { enum: FEATURE_SOURCES }),
    externalKey: text('external_key'),
    sourceUrl: text('source_url'),
    // Set when engineeringJoinedStage was derived from the source's history
    // rather than entered; cleared as soon as a person changes the stage.
    stageDerivedFrom: text('stage_derived_from', { enum: FEATURE_SOURCES }),
    stageDerivedAt: tz('stage_derived_at'),
    stageEvidence: text('stage_evidence'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('features_team_source_key_unique').on(t.teamId, t.source, t.externalKey),
    index('features_team_shipped_idx').on(t.workspaceId, t.teamId, t.shippedOn),
    index('features_workspace_shipped_idx').on(t.workspaceId, t.shippedOn),
    check('features_effort_check', sql`${t.plannedDays} >= 0 and ${t.actualDays} >= 0 and ${t.specWords} >= 0 and ${t.specPages} >= 0`),
    check('features_dates_check', sql`${t.startedOn} <= ${t.shippedOn}`),
  ],
)

export const autopsies = pgTable(
  'autopsies',
  {
    id: id(),
    workspaceId: workspaceRef(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    featureId: uuid('feature_id')
      .notNull()
      .references(() => features.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: ['draft', 'collecting', 'reviewing', 'published'] })
      .notNull()
      .default('draft'),
    // 1. The mismatch
    askedFor: text('asked_for').notNull().default(''),
    specified: text('specified').notNull().default(''),
    built: text('built').notNull().default(''),
    needed: text('needed').notNull().default(''),
    // 2. Timeline: where the mismatch started
    failureOriginStage: text('failure_origin_stage', { enum: STAGE_ENUM }),
    // 5. Cheaper alternative in hindsight
    hindsightSolution: text('hindsight_solution').notNull().default(''),
    hindsightDays: days('hindsight_days'),
    // 3. Perspectives: names stay hidden after the reveal unless the facilitator shows them
    showNames: boolean('show_names').notNull().default(false),
    revealedAt: tz('revealed_at'),
    // The respect-first gate, as it stood when published
    gateState: text('gate_state', { enum: ['deficit', 'healthy', 'unknown'] }),
    overrideReason: text('override_reason'),
    overrideBy: uuid('override_by').references(() => users.id, { onDelete: 'set null' }),
    overrideAt: tz('override_at'),
    publishedAt: tz('published_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One autopsy per feature: a second would split the perspectives.
    uniqueIndex('autopsies_feature_unique').on(t.featureId),
    index('autopsies_team_idx').on(t.workspaceId, t.teamId, t.stage),
    check('autopsies_hindsight_check', sql`${t.hindsightDays} is null or ${t.hindsightDays} >= 0`),
  ],
)

// One row per stage, written whole when the autopsy opens.
export const autopsyStages = pgTable(
  'autopsy_stages',
  {
    workspaceId: workspaceRef(),
    autopsyId: uuid('autopsy_id')
      .notNull()
      .references(() => autopsies.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: STAGE_ENUM }).notNull(),
    product: boolean('product').notNull().default(false),
    engineering: boolean('engineering').notNull().default(false),
    design: boolean('design').notNull().default(false),
    startedOn: date('started_on'),
    endedOn: date('ended_on'),
    note: text('note').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.autopsyId, t.stage] }),
    index('autopsy_stages_workspace_idx').on(t.workspaceId),
    check('autopsy_stages_dates_check', sql`${t.startedOn} is null or ${t.endedOn} is null or ${t.startedOn} <= ${t.endedOn}`),
  ],
)

// PRIVACY: before the reveal a perspective is returned only to its author.
// The facilitator sees who has written one, never what they wrote.
export const autopsyPerspectives = pgTable(
  'autopsy_perspectives',
  {
    id: id(),
    workspaceId: workspaceRef(),
    autopsyId: uuid('autopsy_id')
      .notNull()
      .references(() => autopsies.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** the author's discipline on the team when they wrote it: what readers see after the reveal */
    discipline: text('discipline', { enum: disciplineEnum }).notNull(),
    body: text('body').notNull(),
    /** where the author thinks the mismatch started */
    originStage: text('origin_stage', { enum: STAGE_ENUM }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('autopsy_perspectives_author_unique').on(t.autopsyId, t.authorId),
    index('autopsy_perspectives_workspace_idx').on(t.workspaceId, t.autopsyId),
  ],
)

// Whom the facilitator asks for a perspective: by default the team's members
// whose discipline worked on a stage of the timeline, edited by the
// facilitator. "x of y have written" counts these people; someone who writes
// unasked joins the list, so every author is on it.
export const autopsyRequests = pgTable(
  'autopsy_requests',
  {
    workspaceId: workspaceRef(),
    autopsyId: uuid('autopsy_id')
      .notNull()
      .references(() => autopsies.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.autopsyId, t.userId] }), index('autopsy_requests_workspace_idx').on(t.workspaceId, t.userId)],
)

export const autopsyFactors = pgTable(
  'autopsy_factors',
  {
    id: id(),
    workspaceId: workspaceRef(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    autopsyId: uuid('autopsy_id')
      .notNull()
      .references(() => autopsies.id, { onDelete: 'cascade' }),
    /** a key of the shared taxonomy, or 'custom' */
    factor: text('factor').notNull(),
    /** the wording of a custom factor; '' for taxonomy factors */
    label: text('label').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('autopsy_factors_unique').on(t.autopsyId, t.factor, t.label),
    index('autopsy_factors_team_idx').on(t.workspaceId, t.teamId, t.factor),
  ],
)

const DIMENSION_ENUM = [
  'product_values_technical',
  'engineering_engages_product',
  'early_involvement',
  'psychological_safety',
  'shared_outcomes',
] as const

// A respect plan: what a team chose to try after reading one round's results,
// whether or not that round showed a deficit. One plan per round.
export const respectPlans = pgTable(
  'respect_plans',
  {
    id: id(),
    workspaceId: workspaceRef(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('respect_plans_round_unique').on(t.roundId),
    index('respect_plans_team_idx').on(t.workspaceId, t.teamId, t.createdAt),
  ],
)

// Every action a team commits to, from an autopsy or a respect plan: one
// table, so the respect-first rule, the review of open actions and the
// measured effect treat both alike. A respect action names the dimension it
// should move; a process action may leave it empty.
export const actions = pgTable(
  'actions',
  {
    id: id(),
    workspaceId: workspaceRef(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    source: text('source', { enum: ['autopsy', 'plan'] })
      .notNull()
      .default('autopsy'),
    autopsyId: uuid('autopsy_id').references(() => autopsies.id, { onDelete: 'cascade' }),
    planId: uuid('plan_id').references(() => respectPlans.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['respect', 'process'] }).notNull(),
    title: text('title').notNull(),
    targetDimension: text('target_dimension', { enum: DIMENSION_ENUM }),
    /** the library practice it was adopted from, if any */
    practiceKey: text('practice_key'),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    dueOn: date('due_on').notNull(),
    status: text('status', { enum: ['open', 'in_progress', 'done', 'dropped'] })
      .notNull()
      .default('open'),
    /** from when its effect is measured: rounds closed before it are "before" */
    startedAt: tz('started_at').notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('actions_autopsy_idx').on(t.workspaceId, t.autopsyId),
    index('actions_plan_idx').on(t.workspaceId, t.planId),
    index('actions_team_status_idx').on(t.workspaceId, t.teamId, t.status, t.dueOn),
    check(
      'actions_source_check',
      sql`(${t.source} = 'autopsy' and ${t.autopsyId} is not null and ${t.planId} is null) or (${t.source} = 'plan' and ${t.planId} is not null and ${t.autopsyId} is null)`,
    ),
  ],
)

// The edit history: each change after publishing, and each lifecycle move,
// written in the same transaction as the change itself.
export const autopsyEvents = pgTable(
  'autopsy_events',
  {
    id: id(),
    workspaceId: workspaceRef(),
    autopsyId: uuid('autopsy_id')
      .notNull()
      .references(() => autopsies.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    createdAt: createdAt(),
  },
  (t) => [index('autopsy_events_autopsy_idx').on(t.workspaceId, t.autopsyId, t.createdAt)],
)

export type Feature = typeof features.$inferSelect
export type Autopsy = typeof autopsies.$inferSelect
export type AutopsyStageRow = typeof autopsyStages.$inferSelect
export type AutopsyPerspective = typeof autopsyPerspectives.$inferSelect
export type Action = typeof actions.$inferSelect
export type RespectPlan = typeof respectPlans.$inferSelect
export type AutopsyEvent = typeof autopsyEvents.$inferSelect

// ---------------------------------------------------------------- Rollups
// Kept up to date by app/models/rollups.server.ts when a round closes and when
// features or autopsies change, so trend views read a few rows per team and
// period instead of raw answers. They hold raw aggregates; every read still
// goes through ~/domain/anonymity with the counts stored here.

/** Per round × respondent discipline × dimension: person-weighted sums that combine across cells by addition. */
export const pulseRollups = pgTable(
  'pulse_rollups',
  {
    workspaceId: workspaceRef(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id, { onDelete: 'cascade' }),
    closedAt: tz('closed_at').notNull(),
    discipline: text('discipline', { enum: ['product', 'engineering', 'design', 'other', 'rest'] }).notNull(),
    dimension: text('dimension').notNull(),
    /** responses in this round × discipline cell (the same on each of its dimension rows) */
    responses: integer('responses').notNull(),
    /** sum over those responses of each response's mean item score (1–7, reverse items flipped) */
    scoreSum: doublePrecision('score_sum').notNull(),
    /** responses that answered at least one item of the dimension */
    scored: integer('scored').notNull(),
    /** the round's anonymity threshold, copied so trend reads need no join */
    anonymityK: smallint('anonymity_k').notNull().default(5),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.discipline, t.dimension] }),
    index('pulse_rollups_team_idx').on(t.workspaceId, t.teamId, t.closedAt),
    index('pulse_rollups_workspace_idx').on(t.workspaceId, t.closedAt),
  ],
)

/** Per team × ship month: the feature-log indicators. Spec word counts are kept whole so medians stay exact across teams. */
export const featureRollups = pgTable(
  'feature_rollups',
  {
    workspaceId: workspaceRef(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    month: date('month').notNull(),
    features: integer('features').notNull(),
    missed: integer('missed').notNull(),
    differentWithoutUpset: integer('different_without_upset').notNull(),
    engineeringBeforeSpec: integer('engineering_before_spec').notNull(),
    handoff: integer('handoff').notNull(),
    collaboration: integer('collaboration').notNull(),
    specWords: integer('spec_words').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.month] }), index('feature_rollups_workspace_idx').on(t.workspaceId, t.month)],
)

/** Per team × month of the autopsy: counts by failure-origin stage and by contributing factor. */
export const autopsyRollups = pgTable(
  'autopsy_rollups',
  {
    workspaceId: workspaceRef(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    month: date('month').notNull(),
    /** 'stage' or 'factor' */
    kind: text('kind', { enum: ['stage', 'factor'] }).notNull(),
    key: text('key').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.month, t.kind, t.key] }), index('autopsy_rollups_workspace_idx').on(t.workspaceId, t.month)],
)

// ---------------------------------------------------------------- Digest
// One row per leader and ISO week, inserted in the same transaction that queues
// the mail: its key makes a second send for the same week impossible, even from
// two app instances at once. The numbers it carried are kept so the next digest
// can show the change since this one.
export const digestSends = pgTable(
  'digest_sends',
  {
    id: id(),
    workspaceId: workspaceRef(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    weekKey: text('week_key').notNull(),
    respectIndex: doublePrecision('respect_index'),
    engineeringBeforeSpec: doublePrecision('engineering_before_spec'),
    differentWithoutUpset: doublePrecision('different_without_upset'),
    deficitTeamIds: uuid('deficit_team_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('digest_sends_user_week_unique').on(t.userId, t.weekKey),
    index('digest_sends_workspace_idx').on(t.workspaceId, t.weekKey),
  ],
)

// ---------------------------------------------------------------- Single sign-on
// One OpenID Connect provider per workspace. The client secret is sealed with
// a key from the environment (app/utils/sealed.server.ts), so a copy of the
// database alone cannot impersonate Tandem at the provider.
export const ssoSettings = pgTable('sso_settings', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  enabled: boolean('enabled').notNull().default(false),
  // What the sign-in button says: "Sign in with <label>".
  label: text('label').notNull(),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  clientSecretSealed: text('client_secret_sealed').notNull(),
  // People whose verified email is in one of these domains get an account at
  // their first sign-in; everyone else needs an invitation or an account.
  allowedDomains: text('allowed_domains')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  // 'everyone', or 'break-glass': only breakGlassUserId may still use a password.
  passwordSignIn: text('password_sign_in', { enum: ['everyone', 'break-glass'] })
    .notNull()
    .default('everyone'),
  breakGlassUserId: uuid('break_glass_user_id').references(() => users.id, { onDelete: 'set null' }),
  lastSignInAt: tz('last_sign_in_at'),
  lastErrorAt: tz('last_error_at'),
  lastError: text('last_error'),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: tz('updated_at').notNull().defaultNow(),
})

// Who someone is at the provider (issuer + subject), linked to their account
// once their verified email matched it: later sign-ins follow the subject even
// if the email changes at the provider.
export const userIdentities = pgTable(
  'user_identities',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('user_identities_issuer_subject_unique').on(t.issuer, t.subject), index('user_identities_user_idx').on(t.userId)],
)

// Each sign-in started with the provider: the hash of its state, used at most
// once, so a replayed callback is refused by name rather than by accident.
export const ssoLogins = pgTable(
  'sso_logins',
  {
    stateHash: text('state_hash').primaryKey(),
    workspaceId: workspaceRef(),
    createdAt: createdAt(),
    usedAt: tz('used_at'),
  },
  (t) => [index('sso_logins_created_idx').on(t.createdAt)],
)

// ---------------------------------------------------------------- Slack and Microsoft Teams

// A workspace's connection to Slack (a bot token) or Microsoft Teams (a
// workflow webhook URL). The secret is sealed (~/utils/sealed.server) and never
// shown again; the page shows its last four characters.
export const chatConnections = pgTable(
  'chat_connections',
  {
    workspaceId: workspaceRef(),
    provider: text('provider', { enum: ['slack', 'teams'] }).notNull(),
    secretSealed: text('secret_sealed').notNull(),
    secretHint: text('secret_hint').notNull(),
    // The Slack workspace's name from auth.test; the webhook's host for Teams.
    accountName: text('account_name').notNull(),
    connectedBy: uuid('connected_by').references(() => users.id, { onDelete: 'set null' }),
    connectedAt: tz('connected_at').notNull().defaultNow(),
    lastDeliveryAt: tz('last_delivery_at'),
    lastErrorAt: tz('last_error_at'),
    lastError: text('last_error'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.provider] })],
)

// A person's Slack user id, found by their email (users.lookupByEmail) and
// kept so each message costs one call. Null: no Slack account has that email.
export const slackMembers = pgTable(
  'slack_members',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: workspaceRef(),
    email: text('email').notNull(),
    slackUserId: text('slack_user_id'),
    checkedAt: tz('checked_at').notNull().defaultNow(),
  },
  (t) => [index('slack_members_workspace_idx').on(t.workspaceId)],
)

// The Slack channel a team's "results ready" notice is posted to, picked by
// its facilitator.
export const teamSlackChannels = pgTable('team_slack_channels', {
  teamId: uuid('team_id')
    .primaryKey()
    .references(() => teams.id, { onDelete: 'cascade' }),
  workspaceId: workspaceRef(),
  channelId: text('channel_id').notNull(),
  channelName: text('channel_name').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: tz('updated_at').notNull().defaultNow(),
})

// Slack messages a person does not want, per kind of notice, as mail_opt_outs
// is for mail. No row: a direct message is sent when Slack is connected.
export const slackOptOuts = pgTable(
  'slack_opt_outs',
  {
    workspaceId: workspaceRef(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] }), index('slack_opt_outs_workspace_idx').on(t.workspaceId)],
)

// ---------------------------------------------------------------- Outgoing webhooks
// An admin's endpoints: where Tandem POSTs signed JSON when a round closes, an
// autopsy is published or an action's status changes. The signing secret is
// sealed (app/utils/sealed.server.ts): Tandem must read it back to sign, and a
// copy of the database alone cannot forge a delivery.
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: id(),
    workspaceId: workspaceRef(),
    url: text('url').notNull(),
    events: text('events').array().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    secretSealed: text('secret_sealed').notNull(),
    secretRotatedAt: tz('secret_rotated_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('webhook_endpoints_workspace_idx').on(t.workspaceId, t.createdAt)],
)

// One row per endpoint and event, written in the transaction of the change it
// announces (a transactional outbox). The body is kept as sent, so a retry or
// a redelivery carries the same bytes and the same Tandem-Delivery id.
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: id(),
    workspaceId: workspaceRef(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    event: text('event').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tz('next_attempt_at').notNull().defaultNow(),
    lastAttemptAt: tz('last_attempt_at'),
    lastHttpStatus: integer('last_http_status'),
    lastError: text('last_error'),
    deliveredAt: tz('delivered_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.createdAt),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    uniqueIndex('webhook_deliveries_event_unique').on(t.endpointId, t.eventId),
  ],
)

// ---------------------------------------------------------------- API tokens
// API tokens. A personal token acts as its owner (user_id), with the owner's
// rights as they are at each request, narrowed to its scopes. A workspace
// token (user_id null) is an integration of the workspace, with admin reach
// narrowed to its scopes; it stops working when the admin who created it is
// deactivated or is no longer an admin (ADR 020). Only the SHA-256 of the
// token is kept; `prefix` is the non-secret start shown in lists.
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    workspaceId: workspaceRef(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    scopes: text('scopes').array().notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    expiresAt: tz('expires_at'),
    lastUsedAt: tz('last_used_at'),
    revokedAt: tz('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('api_tokens_token_hash_unique').on(t.tokenHash),
    index('api_tokens_workspace_idx').on(t.workspaceId),
    index('api_tokens_user_idx').on(t.userId),
  ],
)

// ---------------------------------------------------------------- Feature imports
// One row per import attempt on a team's feature log (Jira/Linear CSV or
// GitHub issues), failed ones included: the import page's status line.
export const featureImports = pgTable(
  'feature_imports',
  {
    id: id(),
    workspaceId: workspaceRef(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    source: text('source', { enum: FEATURE_SOURCES }).notNull(),
    created: integer('created').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [index('feature_imports_team_idx').on(t.workspaceId, t.teamId, t.createdAt)],
)
