import { KICK_REASONS, type KickReason } from '../../../schemas/live';
import { t } from '../../i18n';

const KEY = 'gatehouse.kick';

/** Why a session ended, in the reader's language. */
export const kickText = (reason: KickReason) => t(`auth.kick.${reason}`);

/** Remembers why the session ended so the login page can say it after the redirect. */
export function rememberKick(reason: KickReason): void {
  sessionStorage.setItem(KEY, reason);
}

/** The message for the last kick, read once. */
export function takeKickMessage(): string | null {
  const reason = sessionStorage.getItem(KEY);
  sessionStorage.removeItem(KEY);
  if (!reason || reason === 'logged_out') return null;
  return reason in KICK_REASONS ? kickText(reason as KickReason) : null;
}
