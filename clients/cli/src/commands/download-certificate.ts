import { createHash } from 'node:crypto';
import { CertificateForDownloadDocument } from '@metrology/sdk';
import { type Command, EXIT, FailureError, optionLines } from '../command';
import { safeFileName, saveFile, sizeOf } from '../files';
import { GATEWAY_OPTIONS, GATEWAY_USAGE, gatewayClient, required } from '../gateway';

/**
 * Downloads a certificate's PDF and checks it against the SHA-256 recorded at issue before saving
 * it: the file saved is the one that was issued, or nothing is saved.
 */
export const downloadCertificateCommand: Command = {
  name: 'download-certificate',
  summary: 'Tải giấy chứng nhận (PDF) đã cấp. / Download an issued certificate (PDF).',
  usage: [
    'Usage: metrology download-certificate --id <certificate id> [--out <file.pdf>]',
    '',
    ...optionLines([
      ['--id', 'the certificate'],
      ['--out', 'where to save it (default: the name the server gives, in the current folder)'],
      ...GATEWAY_USAGE,
    ]),
  ].join('\n'),
  options: { id: { type: 'string' }, out: { type: 'string' }, ...GATEWAY_OPTIONS },
  async run(values, env, io) {
    const id = required(values, 'id');
    const client = gatewayClient(values, env);
    const { certificate } = await client.request(CertificateForDownloadDocument, { id });
    const file = await client.downloadCertificate(certificate.id);
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    if (sha256 !== certificate.sha256) {
      throw new FailureError(
        `Tệp tải về không khớp SHA-256 đã ghi khi cấp (${certificate.serial}); không lưu.\n` +
          `The downloaded file does not match the SHA-256 recorded at issue (${certificate.serial}); not saved.`,
      );
    }
    const out = (values.out as string | undefined) ?? safeFileName(file.fileName, `${certificate.serial}.pdf`);
    const saved = await saveFile(out, file.bytes);
    io.out(
      [
        `Đã lưu / Saved: ${saved} (${sizeOf(file.bytes)})`,
        `  Số hiệu / Serial: ${certificate.serial} · ${certificate.holderName}`,
        `  SHA-256 khớp bản đã cấp / matches the issued file: ${sha256}`,
        ...(certificate.status === 'REVOKED'
          ? ['  Lưu ý: giấy chứng nhận này đã bị thu hồi. / Note: this certificate has been revoked.']
          : []),
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  },
};
