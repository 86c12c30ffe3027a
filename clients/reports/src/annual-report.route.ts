import type { ServerResponse } from 'node:http';
import { sendGraphQLError } from '@metrology/kit/http';
import { createClient, type FetchLike } from '@metrology/sdk';
import { loadAnnualReport, ReportError } from './annual-report.data';
import { renderAnnualReportPdf } from './annual-report.pdf';
import { asciiSlug } from './format';

/** Roles that read the annual report (docs/RULES.md, "Roles": dashboard viewers; administrators may do everything). */
const REPORT_READERS = ['viewer', 'admin'];

/** RFC 8187 value characters: everything else is percent-encoded, as UTF-8. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `inline` (browsers open it), with an ASCII name for old clients (bao-cao-129-KH-UBND-2026.pdf)
 * and the Vietnamese one in `filename*` (báo-cáo-129-KH-UBND-2026.pdf). Of the plan code only
 * letters and digits are kept, joined by "-": no quote, slash or line break reaches the header.
 */
function contentDispositionOf(planCode: string, year: number): string {
  const unicodeCode = planCode
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return `inline; filename="bao-cao-${asciiSlug(planCode)}-${year}.pdf"; filename*=UTF-8''${encodeRfc8187(`báo-cáo-${unicodeCode}-${year}.pdf`)}`;
}

/** `/reports/annual/<plan code, URL-encoded>/<year>.pdf`; the captures are the plan code and the year. */
export const ANNUAL_REPORT_PATH = /^\/reports\/annual\/([^/]+)\/(\d{4})\.pdf$/;

/** A request for the annual report, as the server that mounts the route hands it over. */
export interface AnnualReportRequest {
  /** The captures of `ANNUAL_REPORT_PATH`. */
  params: string[];
  query: URLSearchParams;
  /** Who asks, as the server authenticated them (docs/RULES.md, "Roles"). */
  identity: { subject?: string | null; roles: readonly string[] };
  /** The caller's `Authorization` header, sent on with every GraphQL operation. */
  authorization: string | undefined;
  /** The GraphQL endpoint the report reads from (the gateway's `/graphql`). */
  graphqlUrl: string;
  /** Default: the global `fetch`. */
  fetch?: FetchLike;
}

/**
 * `GET /reports/annual/<plan code, URL-encoded>/<year>.pdf[?asOf=YYYY-MM-DD]`: the annual
 * implementation report as a PDF, built from the API's answers to the caller's own token (the
 * gateway and the subgraphs check the caller's roles again). Viewers and administrators;
 * anonymous 401, other roles 403, an unknown plan 404, a year outside the plan or a bad as-of
 * date 400, and 503 while a subgraph is unavailable (a report is never made from partial data).
 */
export async function serveAnnualReport(
  { params, query, identity, authorization, graphqlUrl, fetch }: AnnualReportRequest,
  res: ServerResponse,
): Promise<void> {
  if (!identity.subject) {
    return sendGraphQLError(res, 401, 'UNAUTHENTICATED', 'Cần đăng nhập để xem báo cáo.', 'Sign in to read the report.');
  }
  if (!identity.roles.some((role) => REPORT_READERS.includes(role))) {
    return sendGraphQLError(
      res,
      403,
      'FORBIDDEN',
      'Chỉ người xem báo cáo và quản trị viên được xem báo cáo năm.',
      'Only viewers and administrators may read the annual report.',
    );
  }
  let planCode: string;
  try {
    planCode = decodeURIComponent(params[0]);
  } catch {
    return sendGraphQLError(
      res,
      400,
      'BAD_USER_INPUT',
      'Mã kế hoạch trong đường dẫn không hợp lệ.',
      'The plan code in the path is malformed.',
    );
  }
  const year = Number(params[1]);
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? null;
  const client = createClient({ url: graphqlUrl, token, fetch });
  try {
    const content = await loadAnnualReport(client, planCode, year, query.get('asOf'));
    const pdf = await renderAnnualReportPdf(content);
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-length': pdf.length,
      'content-disposition': contentDispositionOf(content.scorecard.code, year),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
    res.end(pdf);
  } catch (error) {
    if (!(error instanceof ReportError)) throw error;
    sendGraphQLError(res, error.status, error.code, error.messageVi, error.messageEn);
  }
}
