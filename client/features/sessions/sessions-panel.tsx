import { createAsync, query, revalidate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import type { SessionView } from '../../../schemas/sessions';
import { describeUserAgent } from '../../../schemas/user-agent';
import { ApiClientError, api, unwrap } from '../../lib/api';
import { ConfirmDialog } from '../../ui/dialog';
import { formatDate, plural } from '../../ui/format';
import { Monitor, Phone } from '../../ui/icons';
import { Spinner } from '../../ui/spinner';
import { toast } from '../../ui/toast';

export const getSessions = query(
  (userId: string): Promise<{ sessions: SessionView[] }> =>
    unwrap(api.users[':id'].sessions.$get({ param: { id: userId } })),
  'sessions',
);

/** Live sessions of a user with "End" per session and "End all". */
export function SessionsPanel(props: { userId: string; title?: string; canEnd: boolean }) {
  const sessions = createAsync(() => getSessions(props.userId));
  const [confirmAll, setConfirmAll] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const others = () => (sessions()?.sessions ?? []).filter((s) => !s.current);

  const end = async (s: SessionView) => {
    try {
      await unwrap(api.sessions[':id'].$delete({ param: { id: s.id } }));
      toast('Session ended.');
      await revalidate('sessions');
    } catch (e) {
      toast(e instanceof ApiClientError ? e.message : 'Could not end the session.', 'error');
    }
  };
  const endAll = async () => {
    setBusy(true);
    try {
      const r = await unwrap(api.users[':id'].sessions.$delete({ param: { id: props.userId } }));
      toast(`Ended ${plural(r.ended, 'session')}.`);
      await revalidate('sessions');
      setConfirmAll(false);
    } catch (e) {
      toast(e instanceof ApiClientError ? e.message : 'Could not end the sessions.', 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card card--flush" aria-label="Live sessions">
      <div class="card__toolbar">
        <h3>{props.title ?? 'Live sessions'}</h3>
        <Show
          when={props.canEnd && others().length > 0 && !sessions()?.sessions.some((s) => s.current)}
        >
          <button
            type="button"
            class="button button--danger-ghost"
            onClick={() => setConfirmAll(true)}
          >
            End all
          </button>
        </Show>
      </div>
      <Show
        when={sessions()}
        fallback={
          <div class="table-empty">
            <Spinner /> Loading sessions…
          </div>
        }
      >
        <Show
          when={(sessions()?.sessions.length ?? 0) > 0}
          fallback={<div class="table-empty">No live session.</div>}
        >
          <table class="table">
            <thead>
              <tr>
                <th>Device</th>
                <th>Address</th>
                <th>Started</th>
                <th>Last seen</th>
                <th>Expires</th>
                <th class="table__actions" />
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
                        <Show when={s.current}> · this session</Show>
                      </div>
                    </td>
                    <td>{s.ip ?? <span class="muted">—</span>}</td>
                    <td class="nowrap">{formatDate(s.createdAt, true)}</td>
                    <td class="nowrap">{formatDate(s.lastSeenAt, true)}</td>
                    <td class="nowrap">
                      {s.expiresAt ? formatDate(s.expiresAt, true) : 'Long-term'}
                    </td>
                    <td class="table__actions">
                      <Show when={props.canEnd && !s.current}>
                        <button
                          type="button"
                          class="button button--danger-ghost"
                          onClick={() => end(s)}
                        >
                          End
                        </button>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </Show>
      <ConfirmDialog
        open={confirmAll()}
        title="End all sessions"
        danger
        busy={busy()}
        confirmLabel={`End ${plural(sessions()?.sessions.length ?? 0, 'session')}`}
        onConfirm={endAll}
        onClose={() => setConfirmAll(false)}
      >
        <p>Every open screen of this account returns to the sign-in page at once.</p>
      </ConfirmDialog>
    </section>
  );
}
