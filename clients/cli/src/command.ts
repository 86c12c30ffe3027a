import { type ParseArgsConfig, parseArgs } from 'node:util';
import { GraphQLRequestError } from '@metrology/sdk';

/** Exit codes: 0 done, 1 the operation failed, 2 the command line was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class UsageError extends Error {}

/** The operation failed for a reason a person can act on (exit 1); the message is Vietnamese then English. */
export class FailureError extends Error {}

export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Whether `err` is a terminal, where a progress bar is redrawn in place. */
  interactive?: boolean;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | string[] | boolean[] | undefined>, env: Env, io: Output): Promise<number>;
}

export type Env = Record<string, string | undefined>;

/** Usage lines of options, aligned: `[option, description]`, a description's further lines indented under it. */
export function optionLines(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([option]) => option.length));
  return rows.flatMap(([option, description]) =>
    description.split('\n').map((line, index) => `  ${(index === 0 ? option : '').padEnd(width)}  ${line}`),
  );
}

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
    if (error instanceof FailureError) {
      io.err(`${error.message}\n`);
      return EXIT.failed;
    }
    if (error instanceof GraphQLRequestError) {
      io.err(describeRequestError(error));
      return EXIT.failed;
    }
    throw error;
  }
}

/** A row refused in a sheet or file, as the server lists it in `extensions.rows`. */
interface RejectedRow {
  row: number;
  name?: string | null;
  reason: string;
  reasonEn?: string;
}

function isRejectedRow(value: unknown): value is RejectedRow {
  const row = value as RejectedRow;
  return typeof value === 'object' && value !== null && typeof row.row === 'number' && typeof row.reason === 'string';
}

/** Formats a rejected row: "dòng/row 4 · Nguyễn Văn Hải — lý do / reason". */
export function formatRejectedRow(row: RejectedRow): string {
  const who = row.name ? ` · ${row.name}` : '';
  return `  dòng/row ${row.row}${who} — ${row.reason}${row.reasonEn ? ` / ${row.reasonEn}` : ''}`;
}

/**
 * The server's coded error as a person reads it: code, Vietnamese message, English message; the
 * rows of a rejected file one per line; what to do when the token is missing or refused.
 */
export function describeRequestError(error: GraphQLRequestError): string {
  const rows = Array.isArray(error.extensions.rows) ? error.extensions.rows.filter(isRejectedRow) : [];
  const lines =
    rows.length > 0
      ? [
          `Lỗi [${error.code}]: không ghi gì vì có ${rows.length} dòng không hợp lệ.`,
          `Error [${error.code}]: nothing was written: ${rows.length} invalid row(s).`,
          ...rows.map(formatRejectedRow),
        ]
      : [`Lỗi [${error.code}]: ${error.message}`, `Error [${error.code}]: ${error.messageEn}`];
  if (error.code === 'UNAUTHENTICATED') {
    lines.push('Cần mã xác thực: --token hoặc biến METROLOGY_TOKEN. / A token is needed: --token or METROLOGY_TOKEN.');
  }
  if (error.code === 'NETWORK_ERROR' && typeof error.extensions.url === 'string') {
    lines.push(`Địa chỉ / URL: ${error.extensions.url} (--url hoặc/or METROLOGY_URL)`);
  }
  return `${lines.join('\n')}\n`;
}
