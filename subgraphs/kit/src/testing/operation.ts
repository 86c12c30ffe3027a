/** A GraphQL operation as a test sends it, and the answer it reads (with the HTTP status). */
export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}
