import { query } from '@solidjs/router';
import type { MeResponse } from '../../schemas/me';
import { ApiClientError, api, unwrap } from './api';

/** The signed-in user, or null when there is no live session. */
export const getMe = query(async (): Promise<MeResponse | null> => {
  try {
    return await unwrap(api.me.$get());
  } catch (error) {
    if (error instanceof ApiClientError && error.status === 401) return null;
    throw error;
  }
}, 'me');
