import { type Command, EXIT, optionLines, UsageError } from '../command';
import { safeFileName, saveFile, sizeOf } from '../files';
import { GATEWAY_OPTIONS, GATEWAY_USAGE, gatewayClient } from '../gateway';

const DEFAULT_PLAN = '129/KH-UBND';

/** Downloads the annual implementation report (báo cáo hàng năm) of a plan for a year, as a PDF. */
export const downloadReportCommand: Command = {
  name: 'download-report',
  summary: 'Tải báo cáo hàng năm (PDF) của kế hoạch. / Download the annual report of a plan (PDF).',
  usage: [
    'Usage: metrology download-report --year <year> [--plan 129/KH-UBND] [--out <file.pdf>]',
    '',
    ...optionLines([
      ['--plan', `the plan's code (default ${DEFAULT_PLAN})`],
      ['--year', 'the calendar year reported on, e.g. 2026'],
      ['--out', 'where to save it (default: the name the server gives, in the current folder)'],
      ...GATEWAY_USAGE,
    ]),
  ].join('\n'),
  options: {
    plan: { type: 'string', default: DEFAULT_PLAN },
    year: { type: 'string' },
    out: { type: 'string' },
    ...GATEWAY_OPTIONS,
  },
  async run(values, env, io) {
    const plan = String(values.plan).trim();
    if (plan === '') throw new UsageError('Thiếu --plan. / --plan is required.');
    if (values.year === undefined) throw new UsageError('Thiếu --year. / --year is required.');
    const year = Number(values.year);
    if (!/^\d{4}$/.test(String(values.year)) || year < 2000 || year > 2100) {
      throw new UsageError(`Năm không hợp lệ / invalid --year: ${values.year}`);
    }
    const client = gatewayClient(values, env);
    const file = await client.downloadAnnualReport(plan, year);
    const fallback = `bao-cao-${plan.replace(/[^A-Za-z0-9]+/g, '-')}-${year}.pdf`;
    const saved = await saveFile((values.out as string | undefined) ?? safeFileName(file.fileName, fallback), file.bytes);
    io.out(`Đã lưu báo cáo năm ${year} / Saved the ${year} report: ${saved} (${sizeOf(file.bytes)})\n`);
    return EXIT.ok;
  },
};
