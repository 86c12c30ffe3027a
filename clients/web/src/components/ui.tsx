import { type ReactNode, useEffect, useRef } from 'react';
import type { GraphQLRequestError } from '../api/client';
import { useI18n } from '../i18n';

/** An error from the server in the interface's language, announced to screen readers. */
export function ErrorMessage({ error, onRetry }: { error: GraphQLRequestError | null; onRetry?: () => void }) {
  const { language, t } = useI18n();
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>{language === 'vi' ? error.message : error.messageEn}</p>
      {onRetry ? (
        <button type="button" className="button-secondary" onClick={onRetry}>
          {t.retry}
        </button>
      ) : null}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t.loading}
    </p>
  );
}

/** A success or information line, announced politely. */
export function Notice({ kind = 'success', children }: { kind?: 'success' | 'info' | 'warning'; children: ReactNode }) {
  return (
    <div className={`notice notice-${kind}`} role="status">
      {children}
    </div>
  );
}

/**
 * The page's heading, focused when the page opens so that keyboard and screen-reader users start
 * at the new content after a navigation.
 */
export function PageTitle({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

/** A coloured label that also says its meaning in words (colour is never the only cue). */
export function Badge({ tone, children }: { tone: string; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** A wide table's frame: scrolls sideways on a phone, and takes the keyboard focus to do so. */
export function ScrollRegion({ label, labelledBy, children }: { label?: string; labelledBy?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section className="table-scroll" tabIndex={0} aria-label={label} aria-labelledby={labelledBy}>
      {children}
    </section>
  );
}
