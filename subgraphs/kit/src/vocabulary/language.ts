/** The platform's two languages: Vietnamese by default, English available (docs/RULES.md, "Display formats"). */
export type Language = 'vi' | 'en';

export const LANGUAGES: readonly Language[] = ['vi', 'en'];

/** A name or sentence in both languages of the platform. */
export interface Bilingual {
  en: string;
  vi: string;
}

/** One language's column of a bilingual table: `inLanguage(ROLE_NAMES, 'en').admin` is "Administrator". */
export function inLanguage<K extends string>(table: Readonly<Record<K, Bilingual>>, language: Language): Record<K, string> {
  return Object.fromEntries(Object.entries<Bilingual>(table).map(([key, names]) => [key, names[language]])) as Record<K, string>;
}
