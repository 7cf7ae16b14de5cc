import { A, createAsync, useLocation } from '@solidjs/router';
import { createEffect, createSignal, For, on, Show, Suspense, untrack } from 'solid-js';
import type { CompanyTreeNode } from '../../../schemas/companies';
import { t } from '../../i18n';
import { createDebounced } from '../../ui/debounced';
import { Building, ChevronRight, Close, UserIcon, UserPlus } from '../../ui/icons';
import { SearchInput } from '../../ui/search-input';
import { Spinner } from '../../ui/spinner';
import { drawerOpen, MENU_BUTTON_ID, setDrawerOpen, TREE_PANE_ID } from '../shell/drawer';
import { getCompanyChildren, getCompanyTree, getCompanyUsers } from './company.queries';
import { focusedCompany } from './tree-focus';
import { ensureTabStop, onTreeFocusIn, onTreeKeyDown } from './tree-keys';
import { parentsFirst } from './user-rows';

/**
 * The left pane: the caller's scope as a tree, each company with its user count; expanding a
 * company shows its subsidiaries and its users. Search runs on the server, which answers the
 * matches with their ancestors; while searching, the tree shows exactly that answer.
 * On a narrow screen (`drawer`) it is a drawer the header's menu button opens: focus moves
 * into it, Escape or choosing a page closes it and focus returns to the menu button.
 */
export function CompanyTreePane(props: {
  scopeName: string;
  canCreateUsers: boolean;
  canViewRoles: boolean;
  drawer: boolean;
}) {
  const search = createDebounced();
  const query = search.settled;
  // The answer carries the search it answers: its nodes must be read in that mode even while
  // the box already holds the next search.
  const tree = createAsync(async () => {
    const q = query();
    return { q, ...(await getCompanyTree(q || undefined)) };
  });
  let pane: HTMLElement | undefined;
  let treeList: HTMLUListElement | undefined;
  const shown = () => !props.drawer || drawerOpen();
  const close = () => {
    setDrawerOpen(false);
    document.getElementById(MENU_BUTTON_ID)?.focus();
  };
  createEffect(
    on(
      () => props.drawer && drawerOpen(),
      (opened) => {
        // After the frame that shows it: a hidden element cannot take focus.
        if (opened)
          requestAnimationFrame(() =>
            pane?.querySelector<HTMLInputElement>('input[type=search]')?.focus(),
          );
      },
    ),
  );

  return (
    <aside
      ref={pane}
      id={TREE_PANE_ID}
      class="tree-pane"
      classList={{ 'tree-pane--drawer': props.drawer, 'tree-pane--open': shown() }}
      aria-label={t('companies.treePane')}
      inert={!shown()}
      onKeyDown={(e) => {
        if (props.drawer && e.key === 'Escape') {
          e.preventDefault();
          close();
        }
      }}
    >
      <div class="tree-pane__head">
        <div>
          <h2>{t('companies.organization')}</h2>
          <span class="muted small">{t('companies.scope', { name: props.scopeName })}</span>
        </div>
        <Show when={props.drawer}>
          <button
            type="button"
            class="icon-button tree-pane__close"
            aria-label={t('shell.closeMenu')}
            onClick={close}
          >
            <Close />
          </button>
        </Show>
      </div>
      <Show when={props.canViewRoles}>
        <nav class="tree-pane__links" aria-label={t('companies.organizationPages')}>
          <A href="/roles" activeClass="active">
            {t('companies.roles')}
          </A>
        </nav>
      </Show>
      <SearchInput
        label={t('companies.search')}
        placeholder={t('companies.search')}
        value={search.value()}
        onInput={search.input}
      />
      <Suspense
        fallback={
          <div class="tree-pane__empty">
            <Spinner /> {t('companies.loadingCompanies')}
          </div>
        }
      >
        <Show when={tree()}>
          {(answer) => (
            <Show
              when={answer().roots.length > 0}
              fallback={
                <p class="tree-pane__empty">
                  {answer().q
                    ? t('companies.nothingMatches', { q: answer().q })
                    : t('companies.noCompany')}
                </p>
              }
            >
              <ul
                ref={treeList}
                class="tree"
                // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the APG tree pattern, a list of treeitems
                role="tree"
                aria-label={t('companies.companies')}
                onKeyDown={onTreeKeyDown}
                onFocusIn={onTreeFocusIn}
                // Folding or a new answer may remove the item that was the Tab stop.
                onClick={() => queueMicrotask(() => treeList && ensureTabStop(treeList))}
              >
                <For each={answer().roots}>
                  {(n, i) => (
                    <TreeItem
                      node={n}
                      depth={0}
                      first={i() === 0}
                      search={answer().q}
                      canCreateUsers={props.canCreateUsers}
                    />
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Suspense>
    </aside>
  );
}

const contains = (node: CompanyTreeNode, id: string, trail: readonly string[]): boolean =>
  trail.includes(node.id) || node.children.some((c) => c.id === id || contains(c, id, trail));

function TreeItem(props: {
  node: CompanyTreeNode;
  depth: number;
  first?: boolean;
  search: string;
  canCreateUsers: boolean;
}) {
  const location = useLocation();
  // A search answer opens fully (it holds only the paths to the matches); it can still be
  // folded by hand.
  const [open, setOpen] = createSignal(untrack(() => props.search !== '' || props.depth < 2));
  const expanded = open;
  // While searching, `children` is the filtered set (childCount still counts every subsidiary).
  const expandable = () =>
    (props.search ? props.node.children.length : props.node.childCount) > 0 ||
    props.node.userCount > 0;
  // Levels below the first two arrive on demand, when a node is opened. Fetched in an effect:
  // a pending read would suspend the whole pane (and drop keyboard focus) on every expand.
  // Never while searching: the unfiltered subsidiaries would undo the filter.
  const [lazyChildren, setLazyChildren] = createSignal<CompanyTreeNode[] | undefined>();
  createEffect(() => {
    if (!props.search && expanded() && props.node.children.length < props.node.childCount) {
      getCompanyChildren(props.node.id).then(setLazyChildren, () => setLazyChildren([]));
    }
  });
  const children = () => lazyChildren() ?? props.node.children;
  const active = () => location.pathname === `/companies/${props.node.id}`;
  // Reveal the company being shown: open every node above it, and it (for its users).
  createEffect(() => {
    const focus = focusedCompany();
    if (focus && (focus.id === props.node.id || contains(props.node, focus.id, focus.trail))) {
      setOpen(true);
    }
  });
  const indent = (extra = 0) => ({ 'padding-left': `${4 + (props.depth + extra) * 16}px` });

  return (
    <li
      role="treeitem"
      aria-level={props.depth + 1}
      aria-expanded={expandable() ? expanded() : undefined}
      aria-selected={active()}
      tabIndex={props.first ? 0 : -1}
      class="tree__item"
    >
      <div class="tree__row" classList={{ 'tree__row--active': active() }} style={indent()}>
        <button
          type="button"
          data-tree-toggle
          class="tree__toggle"
          classList={{ 'tree__toggle--open': expanded(), 'tree__toggle--leaf': !expandable() }}
          onClick={() => setOpen(!open())}
          aria-label={t(expanded() ? 'companies.collapse' : 'companies.expand', {
            name: props.node.name,
          })}
          tabIndex={-1}
          aria-hidden={expandable() ? undefined : true}
        >
          <ChevronRight width="14" height="14" />
        </button>
        <Building class="tree__icon" width="16" height="16" />
        <A
          data-tree-link
          class="tree__name"
          href={`/companies/${props.node.id}`}
          // A long name is cut with an ellipsis; the whole name shows on hover.
          title={props.node.name}
          tabIndex={-1}
          aria-current={active() ? 'page' : undefined}
        >
          {props.node.name}
        </A>
        <Show when={props.canCreateUsers}>
          <A
            class="tree__action"
            href={`/users/new?companyId=${props.node.id}`}
            title={t('companies.newUserIn', { name: props.node.name })}
            aria-label={t('companies.newUserIn', { name: props.node.name })}
            tabIndex={-1}
          >
            <UserPlus width="16" height="16" />
          </A>
        </Show>
        <span class="badge" title={t('companies.userCount', props.node.userCount)}>
          {props.node.userCount}
        </span>
      </div>
      <Show when={expanded() && expandable()}>
        {/* biome-ignore lint/a11y/useSemanticElements: a tree's nested level is a group, not a fieldset */}
        <ul role="group">
          <For each={children()}>
            {(child) => (
              <TreeItem
                node={child}
                depth={props.depth + 1}
                search={props.search}
                canCreateUsers={props.canCreateUsers}
              />
            )}
          </For>
          <Show when={props.node.userCount > 0}>
            <CompanyUsers companyId={props.node.id} depth={props.depth + 1} search={props.search} />
          </Show>
        </ul>
      </Show>
    </li>
  );
}

function CompanyUsers(props: { companyId: string; depth: number; search: string }) {
  const users = createAsync(() => getCompanyUsers(props.companyId, props.search || undefined));
  const location = useLocation();
  return (
    <Suspense>
      <For each={parentsFirst(users()?.users ?? [])}>
        {({ user: u, level }) => (
          <li
            role="treeitem"
            aria-level={props.depth + level + 1}
            aria-selected={location.pathname === `/users/${u.id}`}
            tabIndex={-1}
            class="tree__item"
          >
            <div
              class="tree__row tree__row--user"
              classList={{ 'tree__row--active': location.pathname === `/users/${u.id}` }}
              style={{ 'padding-left': `${24 + (props.depth + level) * 16}px` }}
            >
              <UserIcon class="tree__icon" width="15" height="15" />
              <A
                data-tree-link
                class="tree__name"
                href={`/users/${u.id}`}
                title={u.username}
                tabIndex={-1}
              >
                {u.displayName}
              </A>
              <Show when={u.subUserCount > 0}>
                <span class="muted small" title={t('companies.subUsers', u.subUserCount)}>
                  +{u.subUserCount}
                </span>
              </Show>
            </div>
          </li>
        )}
      </For>
      <Show when={users()?.nextCursor}>
        <li
          role="treeitem"
          aria-level={props.depth + 1}
          tabIndex={-1}
          class="tree__item muted small"
        >
          <div class="tree__row" style={{ 'padding-left': `${24 + props.depth * 16}px` }}>
            <A data-tree-link href={`/companies/${props.companyId}`} tabIndex={-1}>
              {t('companies.showAllUsers')}
            </A>
          </div>
        </li>
      </Show>
    </Suspense>
  );
}
