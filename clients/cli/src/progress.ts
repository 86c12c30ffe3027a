import type { Output } from './command';

const WIDTH = 24;

/** `[##########--------------]  42%  5/12` */
export function progressLine(done: number, total: number): string {
  const share = total === 0 ? 1 : done / total;
  const filled = Math.round(share * WIDTH);
  const percent = `${Math.floor(share * 100)}%`.padStart(4);
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${percent}  ${done}/${total}`;
}

export interface Progress {
  /** `done` items of the total are finished. */
  update(done: number): void;
  /** Ends the bar (a terminal's line is closed). */
  finish(): void;
}

/**
 * A progress bar on stderr: redrawn in place on a terminal; one line per step otherwise (a log
 * file or a pipe keeps every step, and stdout keeps only the result).
 */
export function progressBar(io: Output, label: string, total: number): Progress {
  let open = false;
  return {
    update(done) {
      if (io.interactive) {
        io.err(`\r${label} ${progressLine(done, total)}`);
        open = true;
      } else {
        io.err(`${label} ${progressLine(done, total)}\n`);
      }
    },
    finish() {
      if (open) io.err('\n');
      open = false;
    },
  };
}
