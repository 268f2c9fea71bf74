// The pre-migrated PGlite data folder that `npm run build` ships in
// build/pglite-image (made by db/build-image.ts). A first start copies it
// instead of running initdb and every migration: initdb alone took most of a
// cold start's time, and its second PGlite instance most of its memory.
// See docs/decisions/013-pglite-cold-start.md.
import { cpSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'

/**
 * PGlite's own start parameters, with a smaller buffer pool. The default 128 MB
 * is zeroed at every start (most of a restart's memory and a second of its
 * time); PGlite reads through the operating system's page cache anyway, so a
 * page that falls out of the pool costs a copy, not a disk read.
 */
export const PGLITE_SHARED_BUFFERS = '32MB'

/** Where the build puts the image; resolved from the working directory, as the migrations are. */
export function defaultImageDir() {
  return path.resolve(process.env.PGLITE_IMAGE_DIR ?? 'build/pglite-image')
}

/** A data folder PGlite can open: what initdb leaves behind. */
export function isDataDir(dir: string) {
  return existsSync(path.join(dir, 'PG_VERSION'))
}

/**
 * Fills `dataDir` from the image if the folder is new (absent or empty) and the
 * image exists; returns whether it did. The caller holds the data dir's lock.
 * The copy is made beside the folder and renamed into place, so a start that
 * dies half-way leaves no half-made database, only a staging folder that the
 * next start removes.
 */
export function seedFromImage(dataDir: string, imageDir: string): boolean {
  if (!isDataDir(imageDir)) return false
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) return false
  const parent = path.dirname(dataDir)
  const staging = `${path.basename(dataDir)}.new-`
  for (const entry of readdirSync(parent)) {
    if (entry.startsWith(staging)) rmSync(path.join(parent, entry), { recursive: true, force: true })
  }
  const target = path.join(parent, `${staging}${process.pid}`)
  cpSync(imageDir, target, { recursive: true })
  // rename(2) replaces an empty directory.
  renameSync(target, dataDir)
  return true
}
