import { execFileSync } from 'node:child_process';

/** Command lines of the live (non-zombie) processes in group `pgid`; empty when none is left. */
export function liveProcessesInGroup(pgid: number): string[] {
  const out = execFileSync('ps', ['-eo', 'pgid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(`${pgid} `))
    .filter((line) => !/^\d+\s+Z/.test(line));
}

/** Live toxiproxy-server processes whose command line mentions `apiPort`. */
export function liveToxiproxyOnPort(apiPort: number): string[] {
  const out = execFileSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim())
    .filter(
      (line) =>
        !line.startsWith('Z') &&
        /toxiproxy-server/.test(line) &&
        line.includes(`-port ${apiPort}`) &&
        !/\bsh -c\b/.test(line),
    );
}

/**
 * Live toxiproxy-server processes started from THIS process (through the watchdog shell, so
 * their parent's parent is us). Other test files and other people's runs are not counted.
 */
export function toxiproxyStartedByThisProcess(): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' });
  const rows = out
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), stat: m[3]!, args: m[4]! }));
  const parentOf = new Map(rows.map((r) => [r.pid, r.ppid]));
  return rows
    .filter((r) => !r.stat.startsWith('Z') && /toxiproxy-server/.test(r.args) && !/\bsh -c\b/.test(r.args))
    .filter((r) => r.ppid === process.pid || parentOf.get(r.ppid) === process.pid)
    .map((r) => `${r.pid} ${r.args}`);
}
