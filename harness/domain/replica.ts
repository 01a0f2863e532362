/**
 * Replicas: a target may run its `run` command as several instances side by side (the connector's
 * Deployment runs 3). Replicas are numbered from 1 and shown as `r1`, `r2`, …; a target that runs
 * one instance has no replica number at all, so its events and labels read as before.
 *
 * Each process's Sentinel endpoint carries a label (`~run`, `~replay-failed`); a replica's adds its
 * number (`~run.r2`), so an upload is credited to the replica that made it.
 */
import { TARGET_COMMANDS, type TargetCommand } from './target-command.js';

/** `r2` for replica 2. */
export function replicaLabel(replica: number): string {
  return `r${replica}`;
}

/**
 * @example endpointLabel('run', 2) // 'run.r2'
 * @example endpointLabel('replay-failed') // 'replay-failed'
 */
export function endpointLabel(command: TargetCommand, replica?: number): string {
  return replica === undefined ? command : `${command}.${replicaLabel(replica)}`;
}

/** The process an endpoint label names, or null for no label or a label of no process of ours. */
export function parseEndpointLabel(
  label: string | undefined,
): { readonly command: TargetCommand; readonly replica?: number } | null {
  const match = /^([a-z-]+)(?:\.r([1-9]\d*))?$/.exec(label ?? '');
  if (!match || !(TARGET_COMMANDS as readonly string[]).includes(match[1])) return null;
  const command = match[1] as TargetCommand;
  return match[2] === undefined ? { command } : { command, replica: Number(match[2]) };
}

/** The replica numbers 1..count. */
export function replicaNumbers(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i + 1);
}
