import { createAsync, query } from '@solidjs/router';
import { createSignal, For, Show, Suspense } from 'solid-js';
import { AUDIT_ACTIONS, type AuditEntry } from '../../../schemas/audit';
import { api, unwrap } from '../../lib/api';
import { usePageTitle } from '../../lib/page-title';
import { createDebounced } from '../../ui/debounced';
import { formatDate } from '../../ui/format';
import { SearchInput } from '../../ui/search-input';
import { Spinner } from '../../ui/spinner';

const getAudit = query(
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

export default function AuditPage() {
  usePageTitle('Audit log');
  const [action, setAction] = createSignal('');
  const [cursor, setCursor] = createSignal('');
  const [earlier, setEarlier] = createSignal<AuditEntry[]>([]);
  const [open, setOpen] = createSignal<string | null>(null);
  const search = createDebounced(250, () => reset());
  const page = createAsync(() => getAudit(action(), search.settled(), cursor()));
  const rows = () => [...earlier(), ...(page()?.entries ?? [])];
  const reset = () => {
    setEarlier([]);
    setCursor('');
  };

  return (
    <div class="page">
      <div class="page__head">
        <div>
          <h1>Audit log</h1>
          <p class="muted">
            Every change to companies, users and roles in your scope: who, when, before and after.
          </p>
        </div>
      </div>
      <section class="card card--flush">
        <div class="card__toolbar">
          <select
            aria-label="Filter by action"
            value={action()}
            onChange={(e) => {
              reset();
              setAction(e.currentTarget.value);
            }}
          >
            <option value="">All actions</option>
            <For each={AUDIT_ACTIONS}>{(a) => <option value={a}>{a}</option>}</For>
          </select>
          <SearchInput
            inline
            label="Search the audit log"
            placeholder="Search summaries and actors"
            value={search.value()}
            onInput={search.input}
          />
        </div>
        <Suspense
          fallback={
            <div class="table-empty">
              <Spinner /> Loading…
            </div>
          }
        >
          <Show
            when={rows().length > 0}
            fallback={
              <div class="table-empty">
                {action() || search.settled() ? 'No entries match.' : 'No changes recorded yet.'}
              </div>
            }
          >
            <table class="table">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Who</th>
                  <th>Action</th>
                  <th>What</th>
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(e) => (
                    <>
                      <tr
                        class="table__clickable"
                        onClick={() => setOpen(open() === e.id ? null : e.id)}
                      >
                        <td class="nowrap">{formatDate(e.at, true)}</td>
                        <td>{e.actorUsername}</td>
                        <td>
                          <span class="tag">{e.action}</span>
                        </td>
                        <td>
                          <button type="button" class="link-button" aria-expanded={open() === e.id}>
                            {e.summary}
                          </button>
                        </td>
                      </tr>
                      <Show when={open() === e.id}>
                        <tr class="table__detail">
                          <td colSpan={4}>
                            <div class="diff">
                              <div>
                                <h4>Before</h4>
                                <pre>{e.before ? JSON.stringify(e.before, null, 2) : '—'}</pre>
                              </div>
                              <div>
                                <h4>After</h4>
                                <pre>{e.after ? JSON.stringify(e.after, null, 2) : '—'}</pre>
                              </div>
                            </div>
                          </td>
                        </tr>
                      </Show>
                    </>
                  )}
                </For>
              </tbody>
            </table>
            <Show when={page()?.nextCursor}>
              <div class="table-more">
                <button
                  type="button"
                  class="button"
                  onClick={() => {
                    setEarlier(rows());
                    setCursor(page()?.nextCursor ?? '');
                  }}
                >
                  Load older entries
                </button>
              </div>
            </Show>
          </Show>
        </Suspense>
      </section>
    </div>
  );
}
