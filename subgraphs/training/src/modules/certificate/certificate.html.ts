import { formatDate } from '@metrology/kit';
import { CertificateStatus } from './certificate.types';
import type { CertificateFacts, ReplacementFacts } from './certificate.verification';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;background:#f4f1ec;color:#1a1a1a}
main{max-width:34rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 4px rgba(0,0,0,.15)}
h1{font-size:1.4rem;margin:0 0 1.25rem}
.valid{color:#1b6e2e}.revoked{color:#a11d1d}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1rem;margin:0}
dt{color:#555}dd{margin:0;font-weight:600}
p{margin:0;color:#555}
.replacement{margin-top:1.25rem;padding:1rem;border-left:4px solid #1b6e2e;background:#f1f7f2}
.replacement.revoked{border-left-color:#a11d1d;background:#fbf1f1}
.replacement p+p{margin-top:.5rem}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/**
 * The replacement of a replaced certificate, in Vietnamese then English: its serial, status and
 * date of issue, as the JSON answer gives them (certificate.verification.ts).
 */
function replacementNotice(replacement: ReplacementFacts): string {
  const serial = `<strong>${escapeHtml(replacement.serial)}</strong>`;
  const valid = replacement.status === CertificateStatus.VALID;
  return `<section class="replacement${valid ? '' : ' revoked'}">
<p lang="vi">Giấy chứng nhận này đã được thay thế bằng giấy chứng nhận số ${serial}, cấp ngày ${escapeHtml(formatDate(replacement.issuedOn))}, ${valid ? 'hiện <strong>hợp lệ</strong>' : 'cũng <strong>đã bị thu hồi</strong>'}.</p>
<p lang="en">This certificate was replaced by certificate ${serial}, issued on ${escapeHtml(replacement.issuedOn)}, which ${valid ? 'is <strong>valid</strong>' : 'has also been <strong>revoked</strong>'}.</p>
</section>`;
}

/** The public verification page: the status and the same facts as the JSON answer, nothing else. */
export function verificationPage(facts: CertificateFacts): string {
  const valid = facts.status === CertificateStatus.VALID;
  const heading = valid ? 'Giấy chứng nhận hợp lệ' : 'Giấy chứng nhận đã bị thu hồi';
  return page(
    `${heading} - ${facts.serial}`,
    `<h1 class="${valid ? 'valid' : 'revoked'}">${escapeHtml(heading)}</h1>
<dl>
<dt>Số hiệu</dt><dd>${escapeHtml(facts.serial)}</dd>
<dt>Họ và tên</dt><dd>${escapeHtml(facts.holderName)}</dd>
<dt>Khóa bồi dưỡng</dt><dd>${escapeHtml(facts.courseTitle)}</dd>
<dt>Ngày cấp</dt><dd>${escapeHtml(formatDate(facts.issuedOn))}</dd>
</dl>${facts.replacement ? `\n${replacementNotice(facts.replacement)}` : ''}`,
  );
}

/** The page for an unknown code (sent with 404). */
export function unknownCodePage(): string {
  return page(
    'Không tìm thấy giấy chứng nhận',
    `<h1 class="revoked">Không tìm thấy giấy chứng nhận</h1>
<p>Mã xác thực không đúng hoặc giấy chứng nhận không tồn tại. Vui lòng kiểm tra lại đường dẫn hoặc mã QR.</p>`,
  );
}
