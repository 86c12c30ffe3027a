import { REVISION_CHANNEL } from './protocol';

function raiseFunction(notify: boolean): string {
  return `create or replace function "raise_data_revision"() returns trigger language plpgsql as $$
      declare
        raised bigint;
      begin
        update "data_revision" set "revision" = "revision" + 1 where "id" = 1 returning "revision" into raised;
        ${notify ? `perform pg_notify('${REVISION_CHANNEL}', raised::text);` : '-- no notification'}
        return null;
      end
    $$;`;
}

function triggerName(table: string): string {
  return `${table}_data_revision`;
}

/**
 * The statements of a migration that makes `raise_data_revision()` announce each new revision on
 * the `data_revision` channel (delivered when the writing transaction commits; the subgraphs'
 * `RevisionWatcher` listens) and raises it on changes of `tables` too. One place for the SQL
 * the subgraphs' migrations share; `down` restores the function without the notification.
 */
export function revisionNotifyMigration(tables: readonly string[]): { up: string[]; down: string[] } {
  return {
    up: [
      raiseFunction(true),
      ...tables.map(
        (table) =>
          `create trigger "${triggerName(table)}" after insert or update or delete or truncate on "${table}" for each statement execute function "raise_data_revision"();`,
      ),
    ],
    down: [...tables.map((table) => `drop trigger if exists "${triggerName(table)}" on "${table}";`), raiseFunction(false)],
  };
}
