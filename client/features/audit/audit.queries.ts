import { query } from '@solidjs/router';
import type { AuditEntry } from '../../../schemas/audit';
import { api, unwrap } from '../../lib/api';

/** One page of the audit log of the reader's scope, newest first. */
export const getAudit = query(
  (
    action: string,
    q: string,
    cursor: string,
  ): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> =>
    unwrap(
      api.audit.$get({
        query: {
          ...(action ? { action: action as AuditEntry['action'] } : {}),
          ...(q ? { q } : {}),
          ...(cursor ? { cursor } : {}),
          limit: '50',
        },
      }),
    ),
  'audit',
);
