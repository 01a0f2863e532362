/** The connector's subcommands the harness runs (connector-contract §1.1). */
export const TARGET_COMMANDS = ['run', 'ingest', 'replay-failed'] as const;
export type TargetCommand = (typeof TARGET_COMMANDS)[number];
