/** Roles that keep the books (docs/RULES.md, "Roles"): finance officers, and administrators who may do everything. */
export const MONEY_KEEPERS = ['finance', 'admin'] as const;

/**
 * Roles that read money aggregates (the summary, the money spent on an activity, an
 * organisation's totals): the book keepers and dashboard viewers. Viewers read no single record.
 */
export const MONEY_READERS = ['finance', 'admin', 'viewer'] as const;
