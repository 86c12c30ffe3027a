/**
 * The interface's words, Vietnamese first (the default, `locales/vi.ts`) and English
 * (`locales/en.ts`). A message with values is a function; the English dictionary must have every
 * key of the Vietnamese one (checked by tsc).
 */
import { en } from './locales/en';
import { type Messages, vi } from './locales/vi';

export type { Messages };

export const MESSAGES: Record<'vi' | 'en', Messages> = { vi, en };
