import { readFile } from 'node:fs/promises';
import { ATTENDANCE_STATUS_NAMES } from '@metrology/kit/vocabulary';
import { GraphQLRequestError, ImportAttendanceCsvDocument, type ImportAttendanceCsvMutation } from '@metrology/sdk';
import { type Command, describeRequestError, EXIT, FailureError, formatRejectedRow, type Output, optionLines } from '../command';
import { GATEWAY_OPTIONS, GATEWAY_USAGE, gatewayClient, required } from '../gateway';

/** Reads the file as UTF-8 text (the BOM, if any, is dropped); other encodings are refused. */
async function readCsv(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    throw new FailureError(`Không đọc được tệp "${file}" (${code}).\nCannot read the file "${file}" (${code}).`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FailureError(
      `Tệp "${file}" không phải UTF-8: hãy lưu lại dưới dạng "CSV UTF-8".\nThe file "${file}" is not UTF-8: save it as "CSV UTF-8".`,
    );
  }
}

function printReport(report: ImportAttendanceCsvMutation['importAttendanceCsv'], io: Output): void {
  io.out(
    [
      `Đã nhập điểm danh / Attendance imported (${report.mode})`,
      `  Số dòng đọc / rows read:     ${report.rows}`,
      `  Đã ghi / imported:           ${report.imported} (mới/new ${report.created}, thay đổi/changed ${report.changed}, không đổi/unchanged ${report.unchanged})`,
      `  Bị từ chối / rejected:       ${report.rejected.length}`,
      ...report.rejected.map(formatRejectedRow),
      '',
    ].join('\n'),
  );
}

/** Imports a session's sign-in sheet from a CSV file and prints the report. */
export const importAttendanceCommand: Command = {
  name: 'import-attendance',
  summary: 'Nhập điểm danh một buổi học từ tệp CSV. / Import a session’s sign-in sheet from a CSV file.',
  usage: [
    'Usage: metrology import-attendance --session <session id> --file <sheet.csv> [--valid-rows-only]',
    '',
    ...optionLines([
      ['--session', 'the session (buổi học) the sheet is for'],
      [
        '--file',
        [
          'CSV, UTF-8 (with or without BOM), comma or semicolon; headers in Vietnamese or English:',
          '"Họ và tên" / Name (or "Mã học viên" / Trainee ID), "Trạng thái" / Status, "Ghi chú" / Note',
          `statuses: ${Object.values(ATTENDANCE_STATUS_NAMES)
            .map((name) => `${name.vi} / ${name.en}`)
            .join(', ')}`,
        ].join('\n'),
      ],
      ['--valid-rows-only', 'write the valid rows and report the others (default: any bad row rejects the whole file)'],
      ...GATEWAY_USAGE,
    ]),
  ].join('\n'),
  options: {
    session: { type: 'string' },
    file: { type: 'string' },
    'valid-rows-only': { type: 'boolean', default: false },
    ...GATEWAY_OPTIONS,
  },
  async run(values, env, io) {
    const sessionId = required(values, 'session');
    const file = required(values, 'file');
    const client = gatewayClient(values, env);
    const csv = await readCsv(file);
    const validRowsOnly = values['valid-rows-only'] === true;
    try {
      const { importAttendanceCsv } = await client.request(ImportAttendanceCsvDocument, {
        sessionId,
        csv,
        mode: validRowsOnly ? 'VALID_ROWS_ONLY' : 'ALL_OR_NOTHING',
      });
      printReport(importAttendanceCsv, io);
      return EXIT.ok;
    } catch (error) {
      if (validRowsOnly || !(error instanceof GraphQLRequestError) || !Array.isArray(error.extensions.rows)) throw error;
      io.err(
        `${describeRequestError(error)}Sửa các dòng trên, hoặc dùng --valid-rows-only để chỉ ghi các dòng hợp lệ.\n` +
          'Fix the rows above, or use --valid-rows-only to write only the valid rows.\n',
      );
      return EXIT.failed;
    }
  },
};
