import { query } from '@solidjs/router';
import type { Role } from '../../../schemas/roles';
import { api, unwrap } from '../../lib/api';

export const getRoles = query((): Promise<{ roles: Role[] }> => unwrap(api.roles.$get()), 'roles');
