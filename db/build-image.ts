// `npm run build`, after `remix build`: puts a pre-migrated PGlite data folder
// in build/pglite-image, which a first start on an empty DATA_DIR copies (see
// db/pglite-image.server.ts). Holds only the schema and drizzle's migration
// bookkeeping: no workspace, no account, no secret. Made once per PGlite version
// and set of migrations and cached under node_modules/.cache/tandem, so a build whose
// migrations did not change only compares a hash.
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { defaultImageDir, isDataDir } from './pglite-image.server'

/** Bump when the way the image is made changes. */
const FORMAT = 1

function migrationsFolder() {
  return path.resolve(process.env.MIGRATIONS_DIR ?? 'db/migrations')
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort()
}

/** What the image depends on: PGlite's version (its PostgreSQL and initdb) and every migration file. */
function imageKey() {
  const pglite = path.resolve(path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite/pglite.wasm')), '..')
  const { version } = JSON.parse(readFileSync(path.join(pglite, 'package.json'), 'utf8')) as { version: string }
  const hash = createHash('sha256').update(`format ${FORMAT}\npglite ${version}\n`)
  const folder = migrationsFolder()
  for (const file of filesUnder(folder)) hash.update(`${path.relative(folder, file)}\n`).update(readFileSync(file))
  return hash.digest('hex').slice(0, 16)
}

/** Runs initdb and the migrations in a new folder, then closes it cleanly (a shutdown checkpoint). */
async function makeImage(target: string) {
  const staging = `${target}.tmp-${process.pid}`
  rmSync(staging, { recursive: true, force: true })
  // Imported here: a build with an up-to-date image never loads the database code.
  const { connectPglite } = await import('./client.server')
  const connection = await connectPglite({ dataDir: staging, image: false })
  await connection.close()
  try {
    renameSync(staging, target)
  } catch (error) {
    // Another build made the same image meanwhile: keep theirs.
    rmSync(staging, { recursive: true, force: true })
    if (!isDataDir(target)) throw error
  }
}

async function main() {
  const started = performance.now()
  const key = imageKey()
  const out = defaultImageDir()
  const stamp = `${out}.key`
  const current = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : undefined
  if (current === key && isDataDir(out)) return console.log(`PGlite image ${key} is up to date.`)

  const cache = path.resolve('node_modules/.cache/tandem')
  const cached = path.join(cache, `pglite-image-${key}`)
  mkdirSync(cache, { recursive: true })
  // Images of other migrations stay: a branch switched back to finds its own.
  if (!isDataDir(cached)) await makeImage(cached)
  rmSync(out, { recursive: true, force: true })
  rmSync(stamp, { force: true })
  mkdirSync(path.dirname(out), { recursive: true })
  cpSync(cached, out, { recursive: true })
  writeFileSync(stamp, `${key}\n`)
  console.log(`PGlite image ${key} written to ${path.relative(process.cwd(), out)} in ${Math.round(performance.now() - started)} ms.`)
}

try {
  await main()
} catch (error) {
  console.error(`Could not build the PGlite image: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}
