import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { BaseContext } from '../context';
import { todayInVietnam } from '../dates';
import { currentRevision, readRevisionOncePerRequest, revisionFor } from '../revision';
import {
  formatRevision,
  parseRevision,
  REVISION_DATE_HEADER,
  REVISION_FLOOR_HEADER,
  REVISION_HEADER,
  type Revision,
} from './protocol';
import type { RevisionWatcher } from './watcher';

/**
 * Which fields of a subgraph's schema are computed only from data its revision covers (the
 * tables whose triggers raise `data_revision`), from constants and from the caller's identity
 * claims (the gateway keys kept answers by the whole identity), by schema coordinate. A field
 * whose answer depends on anything else, such as who teaches a course (an uncovered table) or
 * the time of day, must not be listed:
 * - `subtree`: the field and everything selected below it;
 * - `field`: the field itself; what is selected below it is checked in turn (a root field
 *   returning an entity, `_entities`).
 * A field that is not listed makes the whole answer uncovered. Declared next to the subgraph's
 * schema (`SubgraphDefinition.revisionCoverage`); a field added under a `subtree` entry must
 * read only covered tables, or its entry must become `field` (`test/revision-dependencies.test.ts`
 * runs each covered field and fails on a table it reads that the revision does not watch).
 */
export type RevisionCoverage = Readonly<Record<string, 'field' | 'subtree'>>;

function typesOf(coverage: RevisionCoverage): Set<string> {
  return new Set(Object.keys(coverage).map((coordinate) => coordinate.slice(0, coordinate.indexOf('.'))));
}

function selectionCovered(
  schema: GraphQLSchema,
  parent: GraphQLNamedType,
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  coverage: RevisionCoverage,
  coveredTypes: ReadonlySet<string>,
  depth: number,
): boolean {
  if (depth > 64) return false;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name === '__typename') continue;
      const kind = coverage[`${parent.name}.${name}`];
      if (kind === 'subtree') continue;
      if (kind !== 'field') return false;
      if (!selection.selectionSet) continue;
      if (!isObjectType(parent) && !isInterfaceType(parent)) return false;
      const field = parent.getFields()[name];
      if (!field) return false;
      const type = getNamedType(field.type);
      if (!selectionCovered(schema, type, selection.selectionSet, fragments, coverage, coveredTypes, depth + 1)) return false;
      continue;
    }
    const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
    if (!fragment) return false;
    const condition = fragment.typeCondition?.name.value;
    // A fragment on another type (an entity of `_entities`) counts only if that type has covered fields.
    const type = condition && condition !== parent.name ? schema.getType(condition) : parent;
    if (!type || (type !== parent && !coveredTypes.has(type.name))) return false;
    if (!selectionCovered(schema, type, fragment.selectionSet, fragments, coverage, coveredTypes, depth + 1)) return false;
  }
  return true;
}

/** Whether every field `operation` selects is covered by the data revision. */
export function isRevisionCovered(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  coverage: RevisionCoverage,
): boolean {
  if (operation.operation !== 'query') return false;
  const root = schema.getQueryType();
  if (!root) return false;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return selectionCovered(schema, root, operation.selectionSet, fragments, coverage, typesOf(coverage), 0);
}

/**
 * Labels answers with the data revision they reflect (protocol.ts):
 * - a query whose every field is covered gets `x-data-revision`: the revision read from the
 *   database before execution (the read its cached loaders share), so the answer reflects that
 *   revision or a later one, and a change committed before the request (a mutation whose floor
 *   the gateway already knows) is never labelled older; not on answers with errors, nor without
 *   a watcher (the embedded database, where the gateway keeps nothing); with it `x-data-date`,
 *   the date taken as today before execution, and neither label when the date was another after
 *   it (midnight passed while the answer was computed: it may mix two days);
 * - a mutation gets `x-data-revision-floor`: the revision read after it committed, so that the
 *   gateway stops serving answers older than the mutation before its caller can ask again.
 */
export function revisionLabelPlugin(
  watcher: RevisionWatcher | undefined,
  coverage: RevisionCoverage,
): ApolloServerPlugin<BaseContext> {
  // Parsed documents are reused by Apollo for the same query text: the check runs once per text.
  const checked = new WeakMap<OperationDefinitionNode, boolean>();
  return {
    async requestDidStart() {
      let label: Revision | null = null;
      let today = '';
      let mutation = false;
      return {
        async didResolveOperation({ schema, document, operation, contextValue }) {
          if (!operation) return;
          // A query reads the data revision once for all its cached loaders (see `RevisionCache`).
          if (operation.operation === 'query') readRevisionOncePerRequest(contextValue.em);
          if (!watcher) return;
          if (operation.operation === 'mutation') {
            mutation = true;
            return;
          }
          let covered = checked.get(operation);
          if (covered === undefined) {
            covered = isRevisionCovered(schema, document, operation, coverage);
            checked.set(operation, covered);
          }
          if (covered) {
            today = todayInVietnam();
            // The request's one read of the revision, before execution (its cached loaders share it).
            label = parseRevision(await revisionFor(contextValue.em).catch(() => null));
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          if (label !== null && !response.body.singleResult.errors?.length && todayInVietnam() === today) {
            response.http.headers.set(REVISION_HEADER, formatRevision(label));
            response.http.headers.set(REVISION_DATE_HEADER, today);
          }
          if (mutation && watcher) {
            // Without it the gateway still learns the change from the stream, a moment later.
            const floor = await currentRevision(contextValue.em).catch(() => null);
            if (floor !== null) response.http.headers.set(REVISION_FLOOR_HEADER, floor);
          }
        },
      };
    },
  };
}
