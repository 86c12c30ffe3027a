import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
  Kind,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { describeViolation, textViolation, type Violation } from './policy';

/** A string of the request that no field accepts, and where it is. */
export interface TextRefusal {
  /** Named as the subgraphs name it: the path inside an input-object argument, else the argument. */
  field: string;
  reason: Violation;
}

/**
 * What no kind of text accepts: the rules of the most permissive kind, a document (docs/INPUT.md).
 * A value refused here is refused by every field, whatever its kind.
 */
function refusedEverywhere(value: string): Violation | null {
  return textViolation(value, 'document');
}

function walk(type: GraphQLInputType, value: unknown, path: string, found: TextRefusal[]): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    // A single value given for a list is coerced as a list of one (GraphQL input coercion).
    if (!Array.isArray(value)) walk(nullable.ofType, value, path, found);
    else for (const [index, item] of value.entries()) walk(nullable.ofType, item, `${path}[${index}]`, found);
  } else if (isInputObjectType(nullable)) {
    if (typeof value !== 'object') return;
    for (const field of Object.values(nullable.getFields())) {
      walk(field.type, (value as Record<string, unknown>)[field.name], path ? `${path}.${field.name}` : field.name, found);
    }
  } else if (isScalarType(nullable) && (nullable.name === 'String' || nullable.name === 'ID') && typeof value === 'string') {
    const reason = refusedEverywhere(value);
    if (reason) found.push({ field: path, reason });
  }
}

/**
 * Every String and ID value of a request's arguments (literals and variables, inside input objects
 * and lists) that no field accepts. Custom scalars (Money, LocalDate) and enums check themselves.
 */
export function requestTextRefusals(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): TextRefusal[] {
  const typeInfo = new TypeInfo(schema);
  const found: TextRefusal[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (!argument) return false;
        const value =
          node.value.kind === Kind.VARIABLE
            ? variables?.[node.value.name.value]
            : valueFromAST(node.value, argument.type, variables as Record<string, unknown> | undefined);
        walk(argument.type, value, isInputObjectType(getNullableType(argument.type)) ? '' : argument.name, found);
        return false;
      },
    }),
  );
  return found;
}

/**
 * The input policy at the front door (docs/INPUT.md): a request carrying a string that no field
 * accepts (NUL or another control character, a lone surrogate, a bidirectional control, an
 * invisible character, past the longest length) is a bad request, refused with HTTP 400
 * BAD_USER_INPUT naming the field before anything is planned or run. The subgraphs still apply
 * the whole policy, per kind of field, to every argument they receive.
 */
export function textPolicyPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, request }) {
          const [first] = requestTextRefusals(schema, document, request.variables);
          if (!first) return;
          const [message, messageEn] = describeViolation(first.reason, 'document', first.field);
          throw new GraphQLError(message, {
            extensions: { code: 'BAD_USER_INPUT', field: first.field, reason: first.reason, messageEn, http: { status: 400 } },
          });
        },
      };
    },
  };
}
