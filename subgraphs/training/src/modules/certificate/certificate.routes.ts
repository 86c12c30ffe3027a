import type { ServerResponse } from 'node:http';
import { NotFoundError, type SubgraphRoute, searchKey, sendJson, UnauthenticatedError } from '@metrology/kit';
import { assertCertificateReadable } from './certificate.access';
import type { Certificate } from './certificate.entity';
import { unknownCodePage, verificationPage } from './certificate.html';
import { unknownCode } from './certificate.rules';
import { CertificateService } from './certificate.service';

/** The quality an Accept header gives a media type: its most specific matching range wins. */
function qualityOf(accept: string, type: string, subtype: string): number {
  let quality = 0;
  let specificity = -1;
  for (const part of accept.split(',')) {
    const [range = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const [rangeType, rangeSubtype] = range.split('/');
    let rank = -1;
    if (rangeType === type && rangeSubtype === subtype) rank = 2;
    else if (rangeType === type && rangeSubtype === '*') rank = 1;
    else if (rangeType === '*' && rangeSubtype === '*') rank = 0;
    if (rank <= specificity) continue;
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const value = q === undefined ? 1 : Number(q.slice(2));
    specificity = rank;
    quality = Number.isFinite(value) ? value : 0;
  }
  return quality;
}

/** A browser (HTML first) gets the page; scripts and `*\/*` get JSON. */
function prefersHtml(accept: string): boolean {
  const html = qualityOf(accept, 'text', 'html');
  return html > 0 && html > qualityOf(accept, 'application', 'json');
}

/** RFC 8187 value characters: everything else is percent-encoded, as UTF-8. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `attachment` with an ASCII file name for old clients (giay-chung-nhan-LS-DL-2026-00001-nguyen-van-hai.pdf)
 * and the Vietnamese one in `filename*` (giấy-chứng-nhận-LS-DL-2026-00001-nguyễn-văn-hải.pdf).
 */
function contentDispositionOf(certificate: Pick<Certificate, 'serial' | 'holderName'>): string {
  const asciiName = searchKey(certificate.holderName)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const vietnameseName = certificate.holderName
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const ascii = ['giay-chung-nhan', certificate.serial, asciiName].filter(Boolean).join('-');
  const unicode = ['giấy-chứng-nhận', certificate.serial, vietnameseName].filter(Boolean).join('-');
  return `attachment; filename="${ascii}.pdf"; filename*=UTF-8''${encodeRfc8187(`${unicode}.pdf`)}`;
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  // A self-contained page: no script, no external asset, inline style only.
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  // The URL carries the code: do not hand it to other sites.
  'referrer-policy': 'no-referrer',
  // A revocation must show at once.
  'cache-control': 'no-store',
  vary: 'accept',
};

function sendPage(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { ...PAGE_HEADERS, 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

/** `GET /verify/:code`: public, no sign-in. HTML for browsers, JSON otherwise; the five facts only. */
export const verifyCertificateRoute: SubgraphRoute = {
  path: /^\/verify\/([^/]+)$/,
  async handle({ params, context, accept }, res) {
    const facts = await new CertificateService(context.em, context.identity, context.config).facts(params[0]);
    if (prefersHtml(accept)) {
      sendPage(res, facts ? 200 : 404, facts ? verificationPage(facts) : unknownCodePage());
      return;
    }
    if (!facts) throw unknownCode();
    sendJson(res, 200, facts, { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', vary: 'accept' });
  },
};

/**
 * `GET /certificates/:id.pdf`: the PDF bytes exactly as issued (their SHA-256 is the stored one),
 * for the holder, the trainers of the course and administrators. Revoked certificates stay
 * downloadable by them; verification tells anyone that they are revoked.
 */
export const downloadCertificateRoute: SubgraphRoute = {
  path: /^\/certificates\/([^/]+)\.pdf$/,
  async handle({ params, context }, res) {
    if (!context.identity.subject) throw new UnauthenticatedError();
    const certificate = await new CertificateService(context.em, context.identity, context.config).withPdf(params[0]);
    if (!certificate) throw new NotFoundError('Certificate', params[0], 'giấy chứng nhận');
    await assertCertificateReadable(context.loaders, context.identity, certificate);
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-length': certificate.pdf.length,
      'content-disposition': contentDispositionOf(certificate),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
    res.end(certificate.pdf);
  },
};
