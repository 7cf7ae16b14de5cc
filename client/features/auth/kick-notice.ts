import { KICK_REASONS, type KickReason } from '../../../schemas/live';

const KEY = 'gatehouse.kick';

/** Remembers why the session ended so the login page can say it after the redirect. */
export function rememberKick(reason: KickReason): void {
  sessionStorage.setItem(KEY, reason);
}

/** The message for the last kick, read once. */
export function takeKickMessage(): string | null {
  const reason = sessionStorage.getItem(KEY);
  sessionStorage.removeItem(KEY);
  if (!reason || reason === 'logged_out') return null;
  return reason in KICK_REASONS ? KICK_REASONS[reason as KickReason] : null;
}
