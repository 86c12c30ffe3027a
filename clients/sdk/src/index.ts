/**
 * @metrology/sdk: the typed client of the gateway, shared by the web app and the command line.
 * Documents and their types are generated from `schema.graphql` and `src/operations/*.graphql`
 * (`npm run codegen`); this entry uses web APIs only, so it runs in browsers and in Node.
 */
export {
  annualReportPath,
  type ClientOptions,
  certificatePath,
  createClient,
  type DownloadedFile,
  type FetchLike,
  fileNameOf,
  type MetrologyClient,
  type VariablesArgument,
} from './client';
export { type ClientErrorCode, codeOfStatus, type GraphQLErrorEntry, GraphQLRequestError } from './errors';
export * from './generated/graphql';
