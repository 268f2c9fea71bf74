// `npm run seed:demo`: a demo workspace whose history tells Tandem's story.
// Needs an empty installation (a fresh DATA_DIR or an empty DATABASE_URL
// database) and must run while the app is stopped when on embedded PGlite.
import { closeConnection, getConnection } from './client.server'
import { memberships, membershipEvents, teams, users } from './schema'
import { DEMO_LOGINS, DEMO_PASSWORD } from './seed/logins'
import { rng } from './seed/random'
import { seedFeatures, type SeedTeam } from './seed/features'
import { seedPlans } from './seed/plans'
import { seedPulseHistory } from './seed/pulse'
import { STORIES } from './seed/story'
import type { Discipline } from '~/domain/disciplines'
import { createWorkspaceWithOwner, getWorkspace } from '~/models/workspace.server'
import { ensureBuiltInTemplate } from '~/models/pulse/template.server'
import { hashPassword } from '~/utils/password.server'
import { FIRST as NAMES_FIRST, LAST as NAMES_LAST } from './seed/bench/texts'

export { DEMO_LOGINS, DEMO_PASSWORD }

// The demo draws from the generator's names: the first 30 first names and 20
// family names, which keeps every demo person where the story put them.
const FIRST = NAMES_FIRST.slice(0, 30)
const LAST = NAMES_LAST.slice(0, 20)

export async function seedDemo(now = new Date()) {
  const connection = await getConnection()
  const db = connection.db
  if (await getWorkspace()) {
    throw new Error(
      'This installation already has a workspace. seed:demo needs an empty database: use a fresh DATA_DIR, or an empty DATABASE_URL database.',
    )
  }
  const random = rng(20261125)
  const admin = DEMO_LOGINS[0]
  const { workspace, owner } = await createWorkspaceWithOwner({
    workspaceName: 'Northwind Labs',
    timeZone: 'Europe/London',
    name: admin.name,
    email: admin.email,
    password: DEMO_PASSWORD,
  })
  const templateId = await ensureBuiltInTemplate(workspace.id)
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  // A year back, on a Monday, so biweekly rounds line up with the calendar.
  const start = new Date(now.getTime() - 364 * 86_400_000)
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7))
  const startDate = start.toISOString().slice(0, 10)

  let people = 0
  const summary: string[] = []
  const seeded: SeedTeam[] = []
  const [leader] = await db
    .insert(users)
    .values({ workspaceId: workspace.id, email: DEMO_LOGINS[1].email, name: DEMO_LOGINS[1].name, passwordHash })
    .returning()
  for (const story of STORIES) {
    const [team] = await db.insert(teams).values({ workspaceId: workspace.id, name: story.name }).returning()
    await db
      .insert(memberships)
      .values({ workspaceId: workspace.id, teamId: team.id, userId: leader.id, discipline: 'product', role: 'leader' })
    // Everyone joined when the story starts, added by the owner, as the team's change log shows.
    const joined = (userId: string, discipline: Discipline, role: string) =>
      db.insert(membershipEvents).values({
        workspaceId: workspace.id,
        teamId: team.id,
        userId,
        actorId: owner.id,
        kind: 'joined',
        toValue: `${discipline}/${role}`,
        createdAt: start,
      })
    await joined(leader.id, 'product', 'leader')
    const members: { userId: string; discipline: Discipline; demo: boolean; role: 'member' | 'facilitator' }[] = []
    // Insights and Growth each get a fixed product facilitator and engineer to sign in as.
    const demoLogins =
      story.name === 'Insights' ? [DEMO_LOGINS[2], DEMO_LOGINS[3]] : story.name === 'Growth' ? [DEMO_LOGINS[4], DEMO_LOGINS[5]] : null
    for (const group of story.members) {
      for (let i = 0; i < group.count; i++) {
        const demo =
          demoLogins && i === 0 && (group.discipline === 'product' || group.discipline === 'engineering')
            ? demoLogins[group.discipline === 'product' ? 0 : 1]
            : null
        const name = demo?.name ?? `${random.pick(FIRST)} ${random.pick(LAST)}`
        const email =
          demo?.email ??
          `${name
            .toLowerCase()
            .normalize('NFD')
            .replace(/[^a-z ]/g, '')
            .replace(' ', '.')}.${people}@tandem.demo`
        const [user] = await db.insert(users).values({ workspaceId: workspace.id, email, name, passwordHash }).returning()
        const role = demo && group.discipline === 'product' ? 'facilitator' : 'member'
        await db
          .insert(memberships)
          .values({ workspaceId: workspace.id, teamId: team.id, userId: user.id, discipline: group.discipline, role })
        await joined(user.id, group.discipline, role)
        members.push({ userId: user.id, discipline: group.discipline, demo: Boolean(demo), role })
        people++
      }
    }
    const made = await db.transaction((tx) =>
      seedPulseHistory(
        tx,
        { workspaceId: workspace.id, teamId: team.id, templateId, timeZone: workspace.timeZone, startDate, story, members, now },
        random,
      ),
    )
    summary.push(`  ${story.name.padEnd(9)} ${members.length} people, ${made.rounds} rounds, ${made.responses} responses. ${story.blurb}`)
    seeded.push({ id: team.id, name: team.name, members })
  }
  const log = await seedFeatures(db, { workspaceId: workspace.id, adminId: owner.id, teams: seeded, now, random })
  summary.push(`\nFeature log and autopsies: ${log.features} features, ${log.autopsies} autopsies.`, ...log.summary)
  summary.push('\nRespect plans and their measured effect:', ...(await seedPlans(db, { workspaceId: workspace.id, teams: seeded })))
  return { workspace, people, summary, driver: connection.driver }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')
if (isMain) {
  try {
    const result = await seedDemo()
    console.log(`Seeded "${result.workspace.name}" (${result.driver}): ${result.people + 2} people.`)
    console.log(result.summary.join('\n'))
    console.log('\nDemo logins (password for all: ' + DEMO_PASSWORD + '):')
    for (const login of DEMO_LOGINS) console.log(`  ${login.email.padEnd(22)} ${login.what}`)
    console.log('\nStart the app with `npm start` and open http://localhost:3000')
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  } finally {
    await closeConnection()
  }
}
