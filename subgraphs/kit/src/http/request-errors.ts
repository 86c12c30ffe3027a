import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';

/**
 * Codes of errors about the caller's own request (parse, validation, limits, variables, operation
 * resolution, the HTTP request itself): their messages describe the request, and an answer made of
 * them only is a 4xx (docs/ARCHITECTURE.md, "Gateway: routes, partial failure, limits").
 */
export const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

function operationError(message: string, messageEn: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'OPERATION_RESOLUTION_FAILURE', messageEn, http: { status: 400 } },
  });
}

/**
 * The HTTP status rule for Apollo Server, shared by the gateway and every subgraph:
 *
 * - A document that does not name one operation the schema can run (an `operationName` it does
 *   not define, several operations and none named, none at all, or a subscription, which the
 *   platform does not serve) is refused with 400 OPERATION_RESOLUTION_FAILURE before execution.
 *   Left to the gateway's query planner, it fails uncoded and answers 500.
 * - An answer without `data` (nothing was run) whose errors all carry a request-error code is a
 *   4xx: Apollo answers some of them 200 (persisted-query refusals) and would answer 500 for a
 *   request error thrown from a plugin hook.
 */
export function requestErrorsPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, document, schema }) {
          if (operation) {
            if (schema.getRootType(operation.operation)) return;
            throw operationError(
              `Hệ thống không phục vụ thao tác loại ${operation.operation}.`,
              `The API serves no ${operation.operation} operations.`,
            );
          }
          const named = request.operationName;
          if (named) {
            throw operationError(`Yêu cầu không có thao tác tên "${named}".`, `The document has no operation named "${named}".`);
          }
          const count = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION).length;
          throw count > 1
            ? operationError(
                'Yêu cầu có nhiều thao tác: cần chỉ rõ operationName.',
                'The document has several operations: operationName must name one.',
              )
            : operationError('Yêu cầu không có thao tác nào.', 'The document has no operation.');
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data !== undefined || !errors?.length) return;
          const status = response.http.status ?? 200;
          if (status >= 400 && status < 500) return;
          const requestErrors = errors.every((error) => {
            const code = error.extensions?.code;
            return typeof code === 'string' && REQUEST_ERROR_CODES.has(code);
          });
          if (requestErrors) response.http.status = 400;
        },
      };
    },
  };
}
