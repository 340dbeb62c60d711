import { open, readFile, rm } from 'node:fs/promises';
import { messages } from '../database.messages.js';
import { DatabaseUnavailableError } from '../errors/database-unavailable.error.js';

/**
 * One process per PGlite directory. PGlite has no lock of its own: a second process (say
 * ROLE=api beside ROLE=worker, both on the default directory) opens the same files without error
 * and each then sees only its own writes. `<dir>.lock` holds the owner's pid; a lock whose
 * process is gone (a crash, kill -9) is taken over.
 */
export async function lockPgliteDir(dir: string): Promise<() => Promise<void>> {
  const path = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(String(process.pid));
      await file.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (isAlive(owner)) throw new DatabaseUnavailableError(messages.pgliteInUse(dir, owner));
      await rm(path, { force: true });
    }
  }
  throw new DatabaseUnavailableError(messages.pgliteInUse(dir, Number.NaN));
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user; still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
