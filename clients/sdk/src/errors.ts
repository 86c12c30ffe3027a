/** One error of a GraphQL answer, as the gateway sends it. */
export interface GraphQLErrorEntry {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

/**
 * Codes the client gives when the server sent none: the transport failed, or the answer was not
 * a GraphQL answer. Servers' own codes (BAD_USER_INPUT, NOT_FOUND, UNAUTHENTICATED, FORBIDDEN,
 * CONFLICT, …) pass through unchanged.
 */
export type ClientErrorCode = 'NETWORK_ERROR' | 'INVALID_RESPONSE';

/** What a person reads when the server said nothing in Vietnamese: by code, Vietnamese and English. */
const FALLBACK_MESSAGES: Record<string, readonly [vi: string, en: string]> = {
  BAD_USER_INPUT: ['Dữ liệu nhập không hợp lệ.', 'The input is not valid.'],
  BAD_REQUEST: ['Yêu cầu không hợp lệ.', 'The request is not valid.'],
  GRAPHQL_PARSE_FAILED: [
    'Yêu cầu không hợp lệ (ứng dụng có thể đã cũ).',
    'The request is not valid (the client may be outdated).',
  ],
  GRAPHQL_VALIDATION_FAILED: [
    'Yêu cầu không hợp lệ (ứng dụng có thể đã cũ).',
    'The request is not valid (the client may be outdated).',
  ],
  UNAUTHENTICATED: [
    'Cần đăng nhập: mã xác thực thiếu, sai hoặc đã hết hạn.',
    'Sign-in required: the token is missing, invalid or expired.',
  ],
  FORBIDDEN: ['Bạn không có quyền thực hiện thao tác này.', 'You are not allowed to do this.'],
  NOT_FOUND: ['Không tìm thấy.', 'Not found.'],
  CONFLICT: ['Dữ liệu đã thay đổi; hãy tải lại rồi thử lại.', 'The data has changed; reload and try again.'],
  SERVICE_UNAVAILABLE: [
    'Dịch vụ tạm thời không khả dụng; vui lòng thử lại sau.',
    'The service is temporarily unavailable; try again later.',
  ],
  INTERNAL_SERVER_ERROR: ['Lỗi hệ thống; vui lòng thử lại sau.', 'A server error occurred; try again later.'],
  NETWORK_ERROR: ['Không kết nối được tới máy chủ.', 'Cannot reach the server.'],
  INVALID_RESPONSE: ['Máy chủ trả lời không đúng định dạng.', 'The server sent an unexpected answer.'],
};

/** The code an HTTP status stands for, when the body carries none. */
export function codeOfStatus(status: number): string {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 502 || status === 503 || status === 504) return 'SERVICE_UNAVAILABLE';
  if (status >= 500) return 'INTERNAL_SERVER_ERROR';
  if (status >= 400) return 'BAD_REQUEST';
  return 'INVALID_RESPONSE';
}

/**
 * A request that did not give the data asked for. `message` is Vietnamese (what a person reads),
 * `messageEn` English; `code` is the server's `extensions.code` (or a client code); `extensions`
 * holds the rest (e.g. `field` for BAD_USER_INPUT, `rows` for a rejected sheet or file).
 * `errors` lists every error of the answer and `data` any partial data it carried.
 */
export class GraphQLRequestError extends Error {
  override readonly name = 'GraphQLRequestError';
  readonly code: string;
  readonly messageEn: string;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly errors: readonly GraphQLErrorEntry[];
  /** The HTTP status of the answer; 0 when none arrived. */
  readonly status: number;
  readonly data: unknown;

  constructor(
    code: string,
    message: string,
    messageEn: string,
    options: {
      extensions?: Record<string, unknown>;
      errors?: readonly GraphQLErrorEntry[];
      status?: number;
      data?: unknown;
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.messageEn = messageEn;
    this.extensions = { ...options.extensions, code };
    this.errors = options.errors ?? [{ message, extensions: this.extensions }];
    this.status = options.status ?? 0;
    this.data = options.data;
  }

  /** The input field at fault, for BAD_USER_INPUT. */
  get field(): string | undefined {
    return typeof this.extensions.field === 'string' ? this.extensions.field : undefined;
  }

  /** An error of the client's own, or for a code that came without a message a person can read. */
  static ofCode(code: string, options: ConstructorParameters<typeof GraphQLRequestError>[3] = {}): GraphQLRequestError {
    const [vi, en] = FALLBACK_MESSAGES[code] ?? FALLBACK_MESSAGES.INTERNAL_SERVER_ERROR;
    return new GraphQLRequestError(code, vi, en, options);
  }

  /**
   * From the errors of an answer; the first one decides. The platform's own errors carry a
   * Vietnamese message and `extensions.messageEn`; others (e.g. GraphQL validation) carry an
   * English message only, which is kept as `messageEn` under a Vietnamese one for the code.
   */
  static fromErrors(errors: readonly GraphQLErrorEntry[], status: number, data?: unknown): GraphQLRequestError {
    const first = errors[0];
    const extensions = first.extensions ?? {};
    const code = typeof extensions.code === 'string' ? extensions.code : codeOfStatus(status === 200 ? 500 : status);
    const options = { extensions, errors, status, data };
    if (typeof extensions.messageEn === 'string')
      return new GraphQLRequestError(code, first.message, extensions.messageEn, options);
    const [vi] = FALLBACK_MESSAGES[code] ?? FALLBACK_MESSAGES.INTERNAL_SERVER_ERROR;
    return new GraphQLRequestError(code, vi, first.message, options);
  }
}
