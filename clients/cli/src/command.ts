import { type ParseArgsConfig, parseArgs } from 'node:util';

/** Exit codes: 0 done, 1 the operation failed, 2 the command line was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class UsageError extends Error {}

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | string[] | boolean[] | undefined>, env: Env, io: Output): Promise<number>;
}

export type Env = Record<string, string | undefined>;

/** Parses a command's options strictly; `--help` prints its usage. */
export async function runCommand(command: Command, argv: string[], env: Env, io: Output): Promise<number> {
  let values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${command.usage}\n`);
    return EXIT.usage;
  }
  if (values.help) {
    io.out(`${command.summary}\n\n${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(values, env, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${command.usage}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
