import { describe, expect, it } from 'vitest';
import {
  CertificateForDownloadDocument,
  createClient,
  type FetchLike,
  fileNameOf,
  GraphQLRequestError,
  ImportAttendanceCsvDocument,
} from '../src';

interface Sent {
  url: string;
  init: RequestInit;
}

/** A fetch that records what it was asked and answers with `answer`. */
function fakeFetch(answer: (sent: Sent) => Response | Promise<Response>): { fetch: FetchLike; sent: Sent[] } {
  const sent: Sent[] = [];
  return {
    sent,
    fetch: async (url, init) => {
      sent.push({ url, init });
      return answer({ url, init });
    },
  };
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

async function failureOf(promise: Promise<unknown>): Promise<GraphQLRequestError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(GraphQLRequestError);
  return error as GraphQLRequestError;
}

const CERTIFICATE = { id: 'c-1', serial: 'LS-DL-2026-00001', holderName: 'Nguyễn Văn Hải', status: 'VALID', sha256: 'ab' };

describe('createClient: requests', () => {
  it('posts the operation text and variables with the bearer token and resolves with the typed data', async () => {
    const { fetch, sent } = fakeFetch(() => json(200, { data: { certificate: CERTIFICATE } }));
    const client = createClient({ url: 'http://gateway.test/graphql', token: 'T0K', fetch });
    const data = await client.request(CertificateForDownloadDocument, { id: 'c-1' });
    expect(data.certificate.serial).toBe('LS-DL-2026-00001');
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe('http://gateway.test/graphql');
    expect(sent[0].init.method).toBe('POST');
    expect(sent[0].init.headers).toMatchObject({ authorization: 'Bearer T0K', 'content-type': 'application/json' });
    const body = JSON.parse(String(sent[0].init.body));
    expect(body.variables).toEqual({ id: 'c-1' });
    expect(body.query).toContain('query CertificateForDownload($id: ID!)');
  });

  it('types variables from the operation: required ones must be given, optional ones may be left out', () => {
    const client = createClient({ url: '/graphql', fetch: () => Promise.reject(new Error('not called')) });
    // Type checks only (tsc -p test): these calls are never made.
    const calls = [
      // @ts-expect-error the certificate id is required
      () => client.request(CertificateForDownloadDocument),
      // @ts-expect-error the id is a string or a number
      () => client.request(CertificateForDownloadDocument, { id: true }),
      () => client.request(ImportAttendanceCsvDocument, { sessionId: 's', csv: 'x' }),
    ];
    expect(calls).toHaveLength(3);
  });

  it('asks a token function before every request and sends none when it has none (anonymous)', async () => {
    const { fetch, sent } = fakeFetch(() => json(200, { data: { certificate: CERTIFICATE } }));
    let token: string | null = 'first';
    const client = createClient({ url: '/graphql', token: () => token, fetch });
    await client.request(CertificateForDownloadDocument, { id: 'c-1' });
    token = null;
    await client.request(CertificateForDownloadDocument, { id: 'c-1' });
    expect(sent[0].init.headers).toMatchObject({ authorization: 'Bearer first' });
    expect(sent[1].init.headers).not.toHaveProperty('authorization');
    expect(sent[1].url).toBe('/graphql');
  });
});

describe('createClient: errors become GraphQLRequestError with the code and the Vietnamese message', () => {
  it("keeps a platform error's code, Vietnamese message, English message, field and details", async () => {
    const rows = [{ row: 3, name: 'Lê Văn Z', reason: 'không có học viên tên "Lê Văn Z" trong lớp', reasonEn: 'no trainee' }];
    const { fetch } = fakeFetch(() =>
      json(200, {
        data: null,
        errors: [
          {
            message: 'Tệp điểm danh không được ghi vì có 1 dòng không hợp lệ.',
            path: ['importAttendanceCsv'],
            extensions: { code: 'BAD_USER_INPUT', field: 'csv', messageEn: 'The file was not recorded.', rows },
          },
        ],
      }),
    );
    const client = createClient({ url: 'http://gateway.test/graphql', fetch });
    const error = await failureOf(client.request(ImportAttendanceCsvDocument, { sessionId: 's', csv: 'x' }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('Tệp điểm danh không được ghi vì có 1 dòng không hợp lệ.');
    expect(error.messageEn).toBe('The file was not recorded.');
    expect(error.field).toBe('csv');
    expect(error.extensions.rows).toEqual(rows);
    expect(error.status).toBe(200);
    expect(error.errors).toHaveLength(1);
  });

  it('gives a Vietnamese message for the code when the server sent English only (GraphQL validation), keeping the English', async () => {
    const { fetch } = fakeFetch(() =>
      json(
        400,
        {
          errors: [{ message: 'Cannot query field "nope" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
        },
        'application/graphql-response+json',
      ),
    );
    const error = await failureOf(
      createClient({ url: 'http://g/graphql', fetch }).request(CertificateForDownloadDocument, { id: 'x' }),
    );
    expect(error.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toBe('Yêu cầu không hợp lệ (ứng dụng có thể đã cũ).');
    expect(error.messageEn).toBe('Cannot query field "nope" on type "Query".');
    expect(error.status).toBe(400);
  });

  it("maps the gateway's 401 for a bad token to UNAUTHENTICATED with its message", async () => {
    const { fetch } = fakeFetch(() =>
      json(401, {
        errors: [
          {
            message: 'Mã xác thực không hợp lệ hoặc đã hết hạn.',
            extensions: { code: 'UNAUTHENTICATED', messageEn: 'The token is invalid or expired.' },
          },
        ],
      }),
    );
    const error = await failureOf(
      createClient({ url: 'http://g/graphql', token: 'bad', fetch }).request(CertificateForDownloadDocument, { id: 'x' }),
    );
    expect([error.code, error.message, error.messageEn, error.status]).toEqual([
      'UNAUTHENTICATED',
      'Mã xác thực không hợp lệ hoặc đã hết hạn.',
      'The token is invalid or expired.',
      401,
    ]);
  });

  it('keeps partial data and every error when some data came back', async () => {
    const errors = [
      { message: 'Dịch vụ tạm thời không khả dụng.', extensions: { code: 'SERVICE_UNAVAILABLE', messageEn: 'Unavailable.' } },
      { message: 'Không tìm thấy.', extensions: { code: 'NOT_FOUND', messageEn: 'Not found.' } },
    ];
    const { fetch } = fakeFetch(() => json(200, { data: { certificate: null }, errors }));
    const error = await failureOf(
      createClient({ url: 'http://g/graphql', fetch }).request(CertificateForDownloadDocument, { id: 'x' }),
    );
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.errors).toEqual(errors);
    expect(error.data).toEqual({ certificate: null });
  });

  it('answers NETWORK_ERROR, with the URL, when the gateway cannot be reached', async () => {
    const refused = new TypeError('fetch failed');
    const client = createClient({
      url: 'http://127.0.0.1:9/graphql',
      fetch: () => Promise.reject(refused),
    });
    const error = await failureOf(client.request(CertificateForDownloadDocument, { id: 'x' }));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.message).toBe('Không kết nối được tới máy chủ.');
    expect(error.extensions.url).toBe('http://127.0.0.1:9/graphql');
    expect(error.cause).toBe(refused);
    expect(error.status).toBe(0);
  });

  it('maps an answer that is not GraphQL JSON by its status: a proxy 502 is SERVICE_UNAVAILABLE, a 200 page is INVALID_RESPONSE', async () => {
    const proxy = fakeFetch(
      () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    );
    const unavailable = await failureOf(
      createClient({ url: 'http://g/graphql', fetch: proxy.fetch }).request(CertificateForDownloadDocument, { id: 'x' }),
    );
    expect([unavailable.code, unavailable.message]).toEqual([
      'SERVICE_UNAVAILABLE',
      'Dịch vụ tạm thời không khả dụng; vui lòng thử lại sau.',
    ]);
    const page = fakeFetch(() => new Response('<html></html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const invalid = await failureOf(
      createClient({ url: 'http://g/graphql', fetch: page.fetch }).request(CertificateForDownloadDocument, { id: 'x' }),
    );
    expect(invalid.code).toBe('INVALID_RESPONSE');
  });
});

describe('createClient: file routes', () => {
  it('downloads a certificate PDF from the sibling route with the token, as bytes with the suggested file name', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7 …');
    const { fetch, sent } = fakeFetch(
      () =>
        new Response(pdf, {
          status: 200,
          headers: {
            'content-type': 'application/pdf',
            'content-disposition': `attachment; filename="LS-DL-2026-00001.pdf"; filename*=UTF-8''LS-DL-2026-00001%20Nguy%E1%BB%85n.pdf`,
          },
        }),
    );
    const file = await createClient({ url: 'http://g.test/api/graphql', token: 'T', fetch }).downloadCertificate('c 1');
    expect(sent[0].url).toBe('http://g.test/api/certificates/c%201.pdf');
    expect(sent[0].init.headers).toMatchObject({ authorization: 'Bearer T', accept: 'application/pdf' });
    expect(file.bytes).toEqual(pdf);
    expect(file.fileName).toBe('LS-DL-2026-00001 Nguyễn.pdf');
    expect(file.contentType).toBe('application/pdf');
  });

  it("asks the annual report with the plan code as one path segment, and maps the gateway's plain 404 to NOT_FOUND", async () => {
    const { fetch, sent } = fakeFetch(() => json(404, { error: 'not found' }));
    const error = await failureOf(createClient({ url: 'http://g/graphql', fetch }).downloadAnnualReport('129/KH-UBND', 2026));
    expect(sent[0].url).toBe('http://g/reports/annual/129%2FKH-UBND/2026.pdf');
    expect([error.code, error.message, error.status]).toEqual(['NOT_FOUND', 'Không tìm thấy.', 404]);
  });

  it("passes a file route's coded error through (403 with the subgraph's message)", async () => {
    const { fetch } = fakeFetch(() =>
      json(403, {
        errors: [
          {
            message: 'Bạn không có quyền thực hiện thao tác này.',
            extensions: { code: 'FORBIDDEN', messageEn: 'You are not allowed to do this.' },
          },
        ],
      }),
    );
    const error = await failureOf(createClient({ url: 'http://g/graphql', fetch }).downloadCertificate('c-1'));
    expect([error.code, error.message, error.messageEn]).toEqual([
      'FORBIDDEN',
      'Bạn không có quyền thực hiện thao tác này.',
      'You are not allowed to do this.',
    ]);
  });

  it('refuses a 200 answer that is not a PDF (e.g. a web page served instead) as INVALID_RESPONSE', async () => {
    const { fetch } = fakeFetch(() => new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const error = await failureOf(createClient({ url: 'http://g/graphql', fetch }).downloadAnnualReport('129/KH-UBND', 2026));
    expect(error.code).toBe('INVALID_RESPONSE');
  });

  it('reads file names from Content-Disposition, preferring the UTF-8 form', () => {
    expect(fileNameOf(`attachment; filename="a.pdf"; filename*=UTF-8''b%C3%A1o-c%C3%A1o.pdf`)).toBe('báo-cáo.pdf');
    expect(fileNameOf('attachment; filename="a.pdf"')).toBe('a.pdf');
    expect(fileNameOf(`attachment; filename*=UTF-8''%E0%A4%A`)).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });
});
