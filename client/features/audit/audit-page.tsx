import { createAsync } from '@solidjs/router';
import { createMemo, createSignal, For, Show, Suspense } from 'solid-js';
import { AUDIT_ACTIONS, type AuditEntry } from '../../../schemas/audit';
import { t } from '../../i18n';
import { usePageTitle } from '../../lib/page-title';
import { useMe } from '../../lib/use-me';
import { createDebounced } from '../../ui/debounced';
import { SearchInput } from '../../ui/search-input';
import { Spinner } from '../../ui/spinner';
import { flattenTree, getCompanyTree } from '../companies/company.queries';
import { getRoles } from '../roles/role.queries';
import { getAudit } from './audit.queries';
import { AuditEntryItem } from './audit-entry';
import { actionName } from './audit-words';
import './audit.css';

/** Names of the companies and roles the reader can see, to word ids in the details. */
function useNames() {
  const { can } = useMe();
  // Reads the reader may not make are not made: a refused read would fail the page.
  const tree = createAsync(async () =>
    can('function.companies.view') ? getCompanyTree() : undefined,
  );
  const roles = createAsync(async () => (can('function.roles.view') ? getRoles() : undefined));
  const names = createMemo(() => {
    const map = new Map<string, string>();
    for (const { node } of flattenTree(tree()?.roots ?? [])) map.set(node.id, node.name);
    for (const role of roles()?.roles ?? []) map.set(role.id, role.name);
    return map;
  });
  return (id: string) => names().get(id);
}

export default function AuditPage() {
  usePageTitle(() => t('audit.title'));
  const [action, setAction] = createSignal('');
  const [cursor, setCursor] = createSignal('');
  const [earlier, setEarlier] = createSignal<AuditEntry[]>([]);
  const search = createDebounced(250, () => reset());
  const page = createAsync(() => getAudit(action(), search.settled(), cursor()));
  const nameOf = useNames();
  const rows = () => [...earlier(), ...(page()?.entries ?? [])];
  const reset = () => {
    setEarlier([]);
    setCursor('');
  };

  return (
    <div class="page">
      <div class="page__head">
        <div>
          <h1>{t('audit.title')}</h1>
          <p class="muted">{t('audit.intro')}</p>
        </div>
      </div>
      <section class="card card--flush">
        <div class="card__toolbar audit-toolbar">
          <select
            aria-label={t('audit.filterAction')}
            value={action()}
            onChange={(e) => {
              reset();
              setAction(e.currentTarget.value);
            }}
          >
            <option value="">{t('audit.allActions')}</option>
            <For each={AUDIT_ACTIONS}>{(a) => <option value={a}>{actionName(a)}</option>}</For>
          </select>
          <SearchInput
            inline
            label={t('audit.searchLabel')}
            placeholder={t('audit.searchPlaceholder')}
            value={search.value()}
            onInput={search.input}
          />
        </div>
        <Suspense
          fallback={
            <div class="table-empty">
              <Spinner /> {t('audit.loading')}
            </div>
          }
        >
          <Show
            when={rows().length > 0}
            fallback={
              <div class="table-empty">
                {action() || search.settled() ? t('audit.noMatch') : t('audit.empty')}
              </div>
            }
          >
            <ul class="audit-list">
              <For each={rows()}>{(e) => <AuditEntryItem entry={e} nameOf={nameOf} />}</For>
            </ul>
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
                  {t('audit.loadOlder')}
                </button>
              </div>
            </Show>
          </Show>
        </Suspense>
      </section>
    </div>
  );
}
