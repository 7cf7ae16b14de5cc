import { query, type RouteSectionProps, useLocation } from '@solidjs/router';
import {
  type Component,
  createEffect,
  ErrorBoundary,
  Match,
  on,
  type ParentProps,
  Show,
  Switch,
} from 'solid-js';
import type { PermissionKey } from '../../../schemas/permissions';
import { t } from '../../i18n';
import { ApiClientError, isNotFound } from '../../lib/api';
import { usePageTitle } from '../../lib/page-title';
import { useMe } from '../../lib/use-me';
import { ForbiddenState } from '../../ui/forbidden-state';
import { NotFoundState } from '../../ui/not-found-state';

/**
 * A route only holders of `permission` may open. Checked before the page loads, so its chunk
 * and its API reads (which would answer 403) never start for anyone else.
 */
export function guarded(permission: PermissionKey, Page: Component<RouteSectionProps>) {
  return (props: RouteSectionProps) => {
    const { can } = useMe();
    return (
      <Show when={can(permission)} fallback={<ForbiddenState permission={permission} />}>
        <Page {...props} />
      </Show>
    );
  };
}

/**
 * Catches what a page's reads throw: a 403 names the permission it needs, a 404 says "not
 * found", anything else offers a retry. Without it a failed read leaves the page's Suspense
 * spinning and surfaces as an uncaught error. Navigating away clears the error.
 */
export function PageErrors(props: ParentProps) {
  const location = useLocation();
  let reset: (() => void) | undefined;
  // The router keeps a failed read for a few seconds; a retry or the next page must ask anew.
  const retry = () => {
    const again = reset;
    // Nothing failed: the reads stay cached (clearing them on every navigation would drop the
    // reads other parts of the screen are revalidating, such as the company tree's).
    if (!again) return;
    reset = undefined;
    query.clear();
    again();
  };
  // Watched here, not in the fallback: the boundary outlives its fallback and each navigation.
  createEffect(on(() => location.pathname, retry, { defer: true }));
  return (
    <ErrorBoundary
      fallback={(error, r) => {
        reset = r;
        return <PageError error={error} retry={retry} />;
      }}
    >
      {props.children}
    </ErrorBoundary>
  );
}

function PageError(props: { error: unknown; retry: () => void }) {
  const api = () => (props.error instanceof ApiClientError ? props.error : undefined);
  const permission = () => {
    const p = api()?.details?.permission;
    return typeof p === 'string' ? p : undefined;
  };
  return (
    <Switch fallback={<FailedState message={api()?.message} retry={props.retry} />}>
      <Match when={api()?.code === 'PERMISSION_REQUIRED'}>
        <ForbiddenState permission={permission()} />
      </Match>
      <Match when={isNotFound(props.error)}>
        <NotFoundState title={t('shell.notFound')} />
      </Match>
    </Switch>
  );
}

function FailedState(props: { message: string | undefined; retry: () => void }) {
  usePageTitle(() => t('shell.errorTitle'));
  return (
    <div class="page">
      <div class="empty-state">
        <h1>{t('shell.couldNotLoad')}</h1>
        <p class="muted">{props.message ?? t('common.unexpectedError')}</p>
        <button type="button" class="button button--primary" onClick={props.retry}>
          {t('common.retry')}
        </button>
      </div>
    </div>
  );
}
