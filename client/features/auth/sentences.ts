import { locale } from '../../i18n';

/**
 * Sentences one after another as the language writes them: English puts a space between
 * them, Chinese (whose full stop is its own gap) none.
 */
export const sentences = (...parts: (string | null | undefined | false)[]) =>
  parts.filter(Boolean).join(locale() === 'zh-CN' ? '' : ' ');
