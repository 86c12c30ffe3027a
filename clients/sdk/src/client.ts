import { codeOfStatus, type GraphQLErrorEntry, GraphQLRequestError } from './errors';
import type { TypedDocumentString } from './generated/graphql';

/** `fetch` as the client calls it; the browser's, Node's, or a test double. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `http://localhost:4000/graphql`, or `/graphql` on the same origin in a browser. */
  url: string;
  /** The bearer token (JWT), or a function asked before each request; none: anonymous. */
  token?: string | null | (() => string | null | undefined);
  /** Default: the global `fetch`. */
  fetch?: FetchLike;
}

/** A file served by the gateway (a certificate or a report), as bytes. */
export interface DownloadedFile {
  bytes: Uint8Array;
  contentType: string;
  /** The name the server suggests (Content-Disposition), if any. */
  fileName: string | null;
}

/** Variables are optional exactly when the operation has no required ones. */
export type VariablesArgument<TVariables> =
  Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

export interface MetrologyClient {
  readonly url: string;
  /** Runs a generated operation; resolves with its data or rejects with a `GraphQLRequestError`. */
  request<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    ...variables: VariablesArgument<TVariables>
  ): Promise<TResult>;
  /** The PDF of a certificate exactly as issued (holder, trainers of its course, administrators). */
  downloadCertificate(id: string): Promise<DownloadedFile>;
  /** The annual implementation report of a plan for a year, as a PDF. */
  downloadAnnualReport(planCode: string, year: number): Promise<DownloadedFile>;
}

/** Path of a certificate's PDF on the gateway. */
export function certificatePath(id: string): string {
  return `/certificates/${encodeURIComponent(id)}.pdf`;
}

/** Path of a plan's annual report on the gateway; the plan code ("129/KH-UBND") is one path segment. */
export function annualReportPath(planCode: string, year: number): string {
  return `/reports/annual/${encodeURIComponent(planCode)}/${year}.pdf`;
}

/** The file routes are siblings of `/graphql` on the same origin (and under the same prefix, if any). */
function siblingUrl(endpoint: string, path: string): string {
  return `${endpoint.replace(/\/graphql\/?$/, '')}${path}`;
}

/** The file name of a Content-Disposition header: the UTF-8 form (RFC 6266) when present. */
export function fileNameOf(contentDisposition: string | null): string | null {
  if (!contentDisposition) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(contentDisposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed encoded name: fall back to the plain one.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(contentDisposition);
  return plain ? plain[1].trim() : null;
}

function isErrorList(value: unknown): value is GraphQLErrorEntry[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((entry) => typeof entry === 'object' && entry !== null && typeof entry.message === 'string')
  );
}

/** The JSON of an answer, or undefined when it is not JSON. */
async function jsonOf(response: Response): Promise<Record<string, unknown> | undefined> {
  const text = await response.text();
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The error an answer that is not what was asked for stands for. */
function failureOf(response: Response, body: Record<string, unknown> | undefined): GraphQLRequestError {
  if (body && isErrorList(body.errors)) return GraphQLRequestError.fromErrors(body.errors, response.status, body.data);
  return GraphQLRequestError.ofCode(response.ok ? 'INVALID_RESPONSE' : codeOfStatus(response.status), {
    status: response.status,
  });
}

/**
 * A client of the gateway for browsers and Node: typed operations over `fetch`, and the file
 * routes (certificate PDF, annual report PDF) as bytes. Errors are `GraphQLRequestError`s with
 * the server's code and its Vietnamese message.
 */
export function createClient(options: ClientOptions): MetrologyClient {
  const url = options.url;
  // Called as a plain function: browsers refuse `fetch` called as a method of another object.
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const authorization = (): Record<string, string> => {
    const token = typeof options.token === 'function' ? options.token() : options.token;
    return token ? { authorization: `Bearer ${token}` } : {};
  };
  const send = async (target: string, init: RequestInit): Promise<Response> => {
    try {
      return await fetchImpl(target, init);
    } catch (cause) {
      throw GraphQLRequestError.ofCode('NETWORK_ERROR', { cause, extensions: { url: target } });
    }
  };
  const download = async (path: string): Promise<DownloadedFile> => {
    const response = await send(siblingUrl(url, path), {
      method: 'GET',
      headers: { accept: 'application/pdf', ...authorization() },
    });
    const contentType = response.headers.get('content-type') ?? '';
    if (!response.ok || !contentType.startsWith('application/pdf')) {
      throw failureOf(response, contentType.includes('json') ? await jsonOf(response) : undefined);
    }
    return {
      bytes: new Uint8Array(await response.arrayBuffer()),
      contentType,
      fileName: fileNameOf(response.headers.get('content-disposition')),
    };
  };

  return {
    url,
    async request<TResult, TVariables>(
      document: TypedDocumentString<TResult, TVariables>,
      ...[variables]: VariablesArgument<TVariables>
    ): Promise<TResult> {
      const response = await send(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json;q=0.9',
          ...authorization(),
        },
        body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
      });
      const body = await jsonOf(response);
      if (!body || body.errors !== undefined || typeof body.data !== 'object' || body.data === null) {
        throw failureOf(response, body);
      }
      return body.data as TResult;
    },
    downloadCertificate: (id) => download(certificatePath(id)),
    downloadAnnualReport: (planCode, year) => download(annualReportPath(planCode, year)),
  };
}
