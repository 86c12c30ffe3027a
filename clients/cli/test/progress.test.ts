import { describe, expect, it } from 'vitest';
import { progressBar, progressLine } from '../src/progress';

function recorder(interactive: boolean) {
  const written: string[] = [];
  return { io: { out: () => undefined, err: (text: string) => written.push(text), interactive }, written };
}

describe('the progress bar', () => {
  it('draws the share done as a bar, a percentage and a count', () => {
    expect(progressLine(0, 4)).toBe(`[${'-'.repeat(24)}]   0%  0/4`);
    expect(progressLine(1, 3)).toBe(`[${'#'.repeat(8)}${'-'.repeat(16)}]  33%  1/3`);
    expect(progressLine(4, 4)).toBe(`[${'#'.repeat(24)}] 100%  4/4`);
  });

  it('redraws one line in place on a terminal and closes it at the end', () => {
    const { io, written } = recorder(true);
    const bar = progressBar(io, 'Cấp', 2);
    bar.update(1);
    bar.update(2);
    bar.finish();
    expect(written).toEqual([`\rCấp ${progressLine(1, 2)}`, `\rCấp ${progressLine(2, 2)}`, '\n']);
  });

  it('writes one line per step elsewhere (a pipe or a log keeps every step)', () => {
    const { io, written } = recorder(false);
    const bar = progressBar(io, 'Cấp', 2);
    bar.update(1);
    bar.finish();
    expect(written).toEqual([`Cấp ${progressLine(1, 2)}\n`]);
  });
});
