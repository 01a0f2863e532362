/**
 * Containers a previous harness process started and could not stop (it was killed outright):
 * they carry its pid in a label, and a pid that is no longer alive marks them for removal.
 */
import { runPodman } from './podman.js';

export async function removeStaleContainers(ownerLabel: string): Promise<void> {
  const listed = await runPodman(['ps', '-a', '--filter', `label=${ownerLabel}`, '--format', '{{.ID}} {{.Labels}}'], {
    timeoutMs: 30_000,
  });
  if (listed.code !== 0) return;
  const stale: string[] = [];
  for (const line of listed.stdout.split('\n')) {
    const id = line.split(' ')[0];
    const pid = Number(new RegExp(`${ownerLabel.replace(/\./g, '\\.')}:(\\d+)`).exec(line)?.[1]);
    if (id && Number.isInteger(pid) && !isAlive(pid)) stale.push(id);
  }
  if (stale.length > 0) await runPodman(['rm', '-f', '-v', ...stale], { timeoutMs: 60_000 });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
