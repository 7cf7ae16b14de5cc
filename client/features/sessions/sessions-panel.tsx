import { createAsync, query } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import type { SessionView } from '../../../schemas/sessions';
import { describeUserAgent } from '../../../schemas/user-agent';
import { t } from '../../i18n';
import { api, unwrap } from '../../lib/api';
import { createMutation } from '../../ui/action';
import { ConfirmDialog } from '../../ui/dialog';
import { formatDate } from '../../ui/format';
import { Monitor, Phone } from '../../ui/icons';
import { Spinner } from '../../ui/spinner';
import { toast } from '../../ui/toast';
import './sessions-panel.css';

export const getSessions = query(
  (userId: string): Promise<{ sessions: SessionView[] }> =>
    unwrap(api.users[':id'].sessions.$get({ param: { id: userId } })),
  'sessions',
);

/** Live sessions of a user with "End" per session and "End all"; the table scrolls in its card. */
export function SessionsPanel(props: { userId: string; title?: string; canEnd: boolean }) {
  const sessions = createAsync(() => getSessions(props.userId));
  const [confirmAll, setConfirmAll] = createSignal(false);
  const others = () => (sessions()?.sessions ?? []).filter((s) => !s.current);

  const end = createMutation(async (s: SessionView) => {
    await unwrap(api.sessions[':id'].$delete({ param: { id: s.id } }));
    toast(t('sessions.ended'));
  }, t('sessions.endFailed'));
  const endAll = createMutation(async () => {
    const r = await unwrap(api.users[':id'].sessions.$delete({ param: { id: props.userId } }));
    toast(t('sessions.endedMany', r.ended));
    setConfirmAll(false);
  }, t('sessions.endFailed'));
  const run = async (action: typeof end | typeof endAll, ...args: [SessionView] | []) => {
    await (action.run as (...a: unknown[]) => Promise<void>)(...args);
    const err = action.error();
    if (err) toast(err.message, 'error');
  };

  return (
    <section class="card card--flush" aria-labelledby="sessions-title">
      <div class="card__toolbar">
        <h3 id="sessions-title">{props.title ?? t('sessions.title')}</h3>
        <Show
          when={props.canEnd && others().length > 0 && !sessions()?.sessions.some((s) => s.current)}
        >
          <button
            type="button"
            class="button button--danger-ghost"
            onClick={() => setConfirmAll(true)}
          >
            {t('sessions.endAll')}
          </button>
        </Show>
      </div>
      <Show
        when={sessions()}
        fallback={
          <div class="table-empty">
            <Spinner /> {t('sessions.loading')}
          </div>
        }
      >
        <Show
          when={(sessions()?.sessions.length ?? 0) > 0}
          fallback={<div class="table-empty">{t('sessions.none')}</div>}
        >
          <div class="sessions-scroll" tabindex="0">
            <table class="table">
              <thead>
                <tr>
                  <th>{t('sessions.device')}</th>
                  <th>{t('sessions.address')}</th>
                  <th>{t('sessions.started')}</th>
                  <th>{t('sessions.lastSeen')}</th>
                  <th>{t('sessions.expires')}</th>
                  <th class="table__actions">
                    <span class="sr-only">{t('sessions.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={sessions()?.sessions}>
                  {(s) => (
                    <tr>
                      <td>
                        <span class="table__primary">
                          {s.client === 'app' ? (
                            <Phone width="15" height="15" />
                          ) : (
                            <Monitor width="15" height="15" />
                          )}
                          {describeUserAgent(s.userAgent)}
                        </span>
                        <div class="muted small">
                          {s.client === 'app' ? 'APP' : 'WEB'}
                          <Show when={s.current}> · {t('sessions.thisSession')}</Show>
                        </div>
                      </td>
                      <td>{s.ip ?? <span class="muted">—</span>}</td>
                      <td class="nowrap">{formatDate(s.createdAt, true)}</td>
                      <td class="nowrap">{formatDate(s.lastSeenAt, true)}</td>
                      <td class="nowrap">
                        {s.expiresAt ? formatDate(s.expiresAt, true) : t('sessions.longTerm')}
                      </td>
                      <td class="table__actions">
                        <Show when={props.canEnd && !s.current}>
                          <button
                            type="button"
                            class="button button--danger-ghost"
                            disabled={end.busy()}
                            onClick={() => run(end, s)}
                          >
                            {t('sessions.end')}
                          </button>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </Show>
      <ConfirmDialog
        open={confirmAll()}
        title={t('sessions.endAllTitle')}
        danger
        busy={endAll.busy()}
        confirmLabel={t('sessions.endAllConfirm', sessions()?.sessions.length ?? 0)}
        onConfirm={() => run(endAll)}
        onClose={() => setConfirmAll(false)}
      >
        <p>{t('sessions.endAllBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
