import { SUBGRAPH_NAMES, type SubgraphName } from '@metrology/kit/config';
import { REQUEST_ERROR_CODES } from '@metrology/kit/http';
import type { Logger } from '@metrology/kit/logger';
import { scalarInputError } from '@metrology/kit/scalars';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** A service behind the gateway: a subgraph, or the reports service (plain routes only). */
export type ServiceName = SubgraphName | 'reports';

/** How a service is named to people, in Vietnamese and in English. */
const SERVICE_NAMES: Record<ServiceName, { vi: string; en: string }> = {
  training: { vi: 'Dịch vụ đào tạo', en: 'The training service' },
  labs: { vi: 'Dịch vụ phòng thí nghiệm', en: 'The laboratories service' },
  funding: { vi: 'Dịch vụ kinh phí', en: 'The funding service' },
  reports: { vi: 'Dịch vụ báo cáo', en: 'The reports service' },
};

export function isSubgraphName(name: string): name is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(name);
}

/**
 * The error added to an answer when a subgraph cannot be reached in time (in a GraphQL answer, the
 * fields that subgraph provides are null): it names the service (`extensions.service`) so that a
 * dashboard can say which part is missing, and nothing else (no address, no low-level reason:
 * those go to the log).
 */
export function serviceUnavailable(service: ServiceName): { message: string; extensions: Record<string, string> } {
  const name = SERVICE_NAMES[service];
  return {
    message: `${name.vi} (${service}) tạm thời không khả dụng.`,
    extensions: {
      code: 'SERVICE_UNAVAILABLE',
      service,
      messageEn: `${name.en} (${service}) is temporarily unavailable.`,
    },
  };
}

/** What each request error means, in Vietnamese; graphql-js's own English detail follows it. */
const REQUEST_ERROR_VI: Record<string, string> = {
  GRAPHQL_PARSE_FAILED: 'Truy vấn GraphQL sai cú pháp',
  GRAPHQL_VALIDATION_FAILED: 'Truy vấn GraphQL không hợp lệ với lược đồ',
  BAD_USER_INPUT: 'Giá trị đầu vào không hợp lệ',
  BAD_REQUEST: 'Yêu cầu không hợp lệ',
  OPERATION_RESOLUTION_FAILURE: 'Không xác định được thao tác cần chạy',
};

const INTERNAL = {
  message: 'Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau.',
  extensions: { code: 'INTERNAL_SERVER_ERROR', messageEn: 'An internal error occurred. Please try again later.' },
};

/**
 * The gateway's `formatError`. Errors made safe upstream (every subgraph error carries a Vietnamese
 * message and `messageEn`; so does SERVICE_UNAVAILABLE) and errors about the caller's own query
 * pass; anything else (a failure inside the gateway or the query planner) is logged and answered
 * with a generic message. Stack traces never leave the process.
 */
export function createGatewayErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // A Money or LocalDate input the gateway refused: the scalar's own coded error, as a subgraph gives it.
    const scalar = error instanceof GraphQLError ? scalarInputError(error) : undefined;
    if (scalar) {
      return {
        message: scalar.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        extensions: scalar.extensions,
      };
    }
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    const code = extensions.code;
    if (typeof extensions.messageEn === 'string') return { ...formatted, extensions };
    // Errors about the caller's own request (graphql-js's parser, validation and coercion, in
    // English) describe the query the caller sent: safe to show, said in Vietnamese first.
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      return {
        ...formatted,
        message: `${REQUEST_ERROR_VI[code] ?? REQUEST_ERROR_VI.BAD_REQUEST}: ${formatted.message}`,
        extensions: { ...extensions, messageEn: formatted.message },
      };
    }
    logger.error({ err: error }, 'unexpected error at the gateway');
    return {
      ...INTERNAL,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };
  };
}
