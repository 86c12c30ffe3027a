/**
 * The web app's calls to the gateway on its own origin, through the typed SDK: operations by
 * generated documents, and the PDF downloads. Errors are the SDK's `GraphQLRequestError` (the
 * server's code, its Vietnamese message and `messageEn`, per-row details in `extensions.rows`).
 */
import { createClient, GraphQLRequestError, type TypedDocumentString } from '@metrology/sdk';

export { GraphQLRequestError };

/** One row of a sheet or file refused by the server (BAD_USER_INPUT `extensions.rows`). */
export interface RowRejection {
  index?: number | null;
  row: number;
  enrolmentId?: string | null;
  name?: string | null;
  reason: string;
  reasonEn: string;
}

let token: string | null = null;
let onUnauthenticated: () => void = () => undefined;

/** The signed-in person's token, sent with every call but the public ones. */
export function setApiToken(value: string | null): void {
  token = value;
}

/** Called when the gateway refuses the token (expired or revoked): the app signs out. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

const client = createClient({ url: '/graphql', token: () => token });
/** Public verification never sends a token: it shows what anyone sees. */
const publicClient = createClient({ url: '/graphql' });

/** Any failure as a GraphQLRequestError; a refused token also signs out. */
export function asRequestError(error: unknown): GraphQLRequestError {
  const failure =
    error instanceof GraphQLRequestError ? error : GraphQLRequestError.ofCode('INTERNAL_SERVER_ERROR', { cause: error });
  if (failure.code === 'UNAUTHENTICATED' && token) onUnauthenticated();
  return failure;
}

type Variables<TVariables> = Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

/** Runs an operation as the signed-in person. */
export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...variables: Variables<TVariables>
): Promise<TResult> {
  try {
    return await client.request(document, ...variables);
  } catch (error) {
    throw asRequestError(error);
  }
}

/** Runs a public operation, without the token. */
export async function requestPublic<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...variables: Variables<TVariables>
): Promise<TResult> {
  try {
    return await publicClient.request(document, ...variables);
  } catch (error) {
    throw asRequestError(error);
  }
}

export interface PartialResult<TResult> {
  data: TResult | null;
  errors: GraphQLRequestError[];
}

/** Runs an operation and keeps whatever data came with errors (a part may be unavailable). */
export async function requestPartial<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...variables: Variables<TVariables>
): Promise<PartialResult<TResult>> {
  try {
    return { data: await request(document, ...variables), errors: [] };
  } catch (error) {
    const failure = asRequestError(error);
    const errors = failure.errors.map((entry) => GraphQLRequestError.fromErrors([entry], failure.status));
    return { data: (failure.data as TResult | null | undefined) ?? null, errors };
  }
}

/** The rows a refused sheet or file named. */
export function rowsOf(error: GraphQLRequestError | null): RowRejection[] {
  const rows = error?.extensions.rows;
  return Array.isArray(rows) ? (rows as RowRejection[]) : [];
}

/** Saves bytes under a file name, as a download. */
function save(bytes: Uint8Array, contentType: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: the browser may read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Downloads a certificate's PDF with the token (a plain link could not carry it). */
export async function downloadCertificate(id: string, fallbackName: string): Promise<void> {
  try {
    const file = await client.downloadCertificate(id);
    save(file.bytes, file.contentType, file.fileName ?? fallbackName);
  } catch (error) {
    throw asRequestError(error);
  }
}

/** Downloads a plan's annual report for a year. */
export async function downloadAnnualReport(planCode: string, year: number): Promise<void> {
  try {
    const file = await client.downloadAnnualReport(planCode, year);
    save(file.bytes, file.contentType, file.fileName ?? `bao-cao-nam-${year}.pdf`);
  } catch (error) {
    throw asRequestError(error);
  }
}
