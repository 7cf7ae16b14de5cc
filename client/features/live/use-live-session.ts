import { revalidate, useNavigate } from '@solidjs/router';
import { onCleanup } from 'solid-js';
import { getMe } from '../../lib/session';
import { rememberKick } from '../auth/kick-notice';
import { connectLive } from './live-connection';

/**
 * Keeps the signed-in screen (WEB console or APP) connected to its live notices for as long as
 * the calling component lives: a kick shows its reason on the login page, a change re-reads
 * `/me` so menus follow at once.
 */
export function useLiveSession(): void {
  const navigate = useNavigate();
  const stop = connectLive({
    onKicked(reason) {
      rememberKick(reason);
      void revalidate(getMe.key);
      navigate('/login', { replace: true });
    },
    onChanged() {
      void revalidate(getMe.key);
    },
    onDropped() {
      void revalidate(getMe.key);
    },
  });
  onCleanup(stop);
}
