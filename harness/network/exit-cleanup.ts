/**
 * Last-resort cleanup: process groups still registered when this Node process exits are killed
 * synchronously from the 'exit' event (the only thing an 'exit' listener may do). Normal
 * endings go through `stop()`, which unregisters first.
 */
const groups = new Set<number>();
let installed = false;

function killRegisteredGroups(): void {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // ESRCH: already gone.
    }
  }
  groups.clear();
}

export function registerGroupForExitCleanup(pgid: number): () => void {
  if (!installed) {
    process.on('exit', killRegisteredGroups);
    installed = true;
  }
  groups.add(pgid);
  return () => {
    groups.delete(pgid);
  };
}
