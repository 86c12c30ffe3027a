/**
 * Issue 6, point 2, through the gateway only: the annual implementation report of a plan for a
 * year as a Vietnamese PDF built from the gateway's own GraphQL answers, its route and the
 * GraphQL field that links to it; viewers and administrators only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type Stack, startStack } from './harness';
import { AS_OF, ok, PLAN, PRIVATE_ENTERPRISE_NAME, seedPlanActivity, YEAR } from './scorecard.fixtures';

/** The PDF's text, page after page, with runs of white space made single spaces. */
async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes) });
  const document = await task.promise;
  const parts: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    parts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  const pages = document.numPages;
  await task.destroy();
  return { text: parts.join(' ').normalize('NFC').replace(/\s+/g, ' '), pages };
}

describe('gateway: the annual implementation report (báo cáo năm) as a PDF', () => {
  let stack: Stack;
  const path = `/reports/annual/${encodeURIComponent(PLAN)}/${YEAR}.pdf`;

  const get = async (target: string, caller: Caller = {}) => {
    const headers: Record<string, string> = {};
    if (caller.role) headers.authorization = `Bearer ${await stack.token(caller.role, caller.subject)}`;
    return fetch(stack.gatewayUrl.replace('/graphql', target), { headers });
  };

  beforeAll(async () => {
    stack = await startStack();
    await seedPlanActivity(stack);
  });
  afterAll(() => stack?.stop());

  it('gives its URL through Plan.annualReportUrl (funding) to a viewer: the public URL with the plan code encoded', async () => {
    const data = await ok<{ plan: { annualReportUrl: string } }>(
      stack,
      `query($code: ID!, $year: Int!) { plan(code: $code) { annualReportUrl(year: $year) } }`,
      { code: PLAN, year: YEAR },
      'viewer',
    );
    expect(data.plan.annualReportUrl).toBe(`http://localhost:4000${path}`);
  });

  it('refuses the URL to a finance officer (FORBIDDEN) and for a year outside the plan (BAD_USER_INPUT on year)', async () => {
    const query = `query($code: ID!, $year: Int!) { plan(code: $code) { annualReportUrl(year: $year) } }`;
    const finance = await stack.execute({ query, variables: { code: PLAN, year: YEAR } }, { role: 'finance' });
    expect(finance.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const outside = await stack.execute({ query, variables: { code: PLAN, year: 2035 } }, { role: 'admin' });
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  it('serves a viewer an A4 PDF with a safe file name whose text holds the title, issuer, scorecard, budget and the year’s activities', async () => {
    const response = await get(`${path}?asOf=${AS_OF}`, { role: 'viewer' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `inline; filename="bao-cao-129-KH-UBND-2026.pdf"; filename*=UTF-8''b%C3%A1o-c%C3%A1o-129-KH-UBND-2026.pdf`,
    );
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const { text } = await pdfText(bytes);
    for (const expected of [
      'BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH 129/KH-UBND NĂM 2026',
      'UBND TỈNH LẠNG SƠN',
      'Số liệu tính đến ngày 27/11/2026',
      // The scorecard: indicators in Vietnamese with their figures and status.
      'Lượt người được bồi dưỡng về đo lường (lượt người)',
      'năm 2026 60 10 50 18,4 % 11 Chậm tiến độ',
      'Phòng thí nghiệm được công nhận theo bộ tiêu chí quốc gia',
      'Có nguy cơ chậm',
      // The budget, money as people write it.
      'Tổng kinh phí của kế hoạch: 16.925.000.000 ₫',
      'Sự nghiệp khoa học 850.000.000 ₫ 600.000.000 ₫ 123.456.789 ₫ 20,58 %',
      '3. Nâng cao hiệu quả công tác quản lý nhà nước về đo lường 850.000.000 ₫ 600.000.000 ₫ 123.456.789 ₫ 20,58 %',
      // The chart's caption and the year's activities.
      'chỉ tiêu 60 lượt người mỗi năm',
      'SC-2026-01',
      'Bồi dưỡng hiệu chuẩn phương tiện đo khối lượng',
      'Số lượt người được bồi dưỡng trong năm 2026 (đến ngày 27/11/2026): 10 lượt người',
      'PTN-SC-01 – Phòng thí nghiệm Đo lường Khối lượng',
      PRIVATE_ENTERPRISE_NAME,
      '10/04/2026',
    ]) {
      expect(text).toContain(expected);
    }
    // Laboratory 2's recognition ended in 2025 and the 2025 course is not of this year.
    expect(text).not.toContain('PTN-SC-02');
    expect(text).not.toContain('SC-2025-01');
  });

  it('serves an administrator the report as of today by default', async () => {
    const response = await get(path, { role: 'admin', subject: 'report-admin' });
    expect(response.status).toBe(200);
    const { text } = await pdfText(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain('BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH 129/KH-UBND NĂM 2026');
  });

  it('refuses a trainee and a finance officer (403), and an anonymous caller (401)', async () => {
    const trainee = await get(path, { role: 'trainee', subject: 'report-trainee' });
    expect(trainee.status).toBe(403);
    expect(await trainee.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    expect((await get(path, { role: 'finance' })).status).toBe(403);
    const anonymous = await get(path);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('answers 404 for an unknown plan, 400 for a year outside its phases or a bad as-of date', async () => {
    const unknown = await get(`/reports/annual/${encodeURIComponent('999/KH-UBND')}/${YEAR}.pdf`, { role: 'viewer' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    const outside = await get(`/reports/annual/${encodeURIComponent(PLAN)}/2040.pdf`, { role: 'viewer' });
    expect(outside.status).toBe(400);
    const badDate = await get(`${path}?asOf=2025-02-30`, { role: 'viewer' });
    expect(badDate.status).toBe(400);
    expect(await badDate.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });
});
