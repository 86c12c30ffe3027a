/**
 * The platform's one vocabulary (`@metrology/kit/vocabulary`): role, indicator and status names in
 * both languages, money, number and date formatting. Pure TypeScript with no Node or library
 * import, so the subgraphs, the CLI and the web app (bundled by Vite) share the same words.
 */
export * from './dates';
export * from './indicators';
export * from './language';
export * from './numbers';
export * from './roles';
export * from './statuses';
