import { A, createAsync, useLocation } from '@solidjs/router';
import { createEffect, createSignal, For, Show, Suspense, untrack } from 'solid-js';
import type { CompanyTreeNode } from '../../../schemas/companies';
import { createDebounced } from '../../ui/debounced';
import { Building, ChevronRight, UserIcon, UserPlus } from '../../ui/icons';
import { SearchInput } from '../../ui/search-input';
import { Spinner } from '../../ui/spinner';
import { getCompanyChildren, getCompanyTree, getCompanyUsers } from './company.queries';
import { focusedCompany } from './tree-focus';
import { onTreeKeyDown } from './tree-keys';
import { parentsFirst } from './user-rows';

/**
 * The left pane: the caller's scope as a tree, each company with its user count; expanding a
 * company shows its subsidiaries and its users. Search runs on the server, which answers the
 * matches with their ancestors; while searching, the tree shows exactly that answer.
 */
export function CompanyTreePane(props: {
  scopeName: string;
  canCreateUsers: boolean;
  canViewRoles: boolean;
}) {
  const search = createDebounced();
  const query = search.settled;
  // The answer carries the search it answers: its nodes must be read in that mode even while
  // the box already holds the next search.
  const tree = createAsync(async () => {
    const q = query();
    return { q, ...(await getCompanyTree(q || undefined)) };
  });

  return (
    <aside class="tree-pane" aria-label="Company tree">
      <div class="tree-pane__head">
        <h2>Organization</h2>
        <span class="muted small">Scope: {props.scopeName}</span>
      </div>
      <Show when={props.canViewRoles}>
        <nav class="tree-pane__links" aria-label="Organization pages">
          <A href="/roles" activeClass="active">
            Roles
          </A>
        </nav>
      </Show>
      <SearchInput
        label="Search companies and users"
        placeholder="Search companies and users"
        value={search.value()}
        onInput={search.input}
      />
      <Suspense
        fallback={
          <div class="tree-pane__empty">
            <Spinner /> Loading companies…
          </div>
        }
      >
        <Show when={tree()}>
          {(t) => (
            <Show
              when={t().roots.length > 0}
              fallback={
                <p class="tree-pane__empty">
                  {t().q ? `Nothing matches “${t().q}”.` : 'No company in your scope yet.'}
                </p>
              }
            >
              <ul class="tree" aria-label="Companies" onKeyDown={onTreeKeyDown}>
                <For each={t().roots}>
                  {(n) => (
                    <TreeItem
                      node={n}
                      depth={0}
                      search={t().q}
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
    <li>
      <div class="tree__row" classList={{ 'tree__row--active': active() }} style={indent()}>
        <button
          type="button"
          class="tree__toggle"
          classList={{ 'tree__toggle--open': expanded(), 'tree__toggle--leaf': !expandable() }}
          onClick={() => setOpen(!open())}
          aria-label={expanded() ? `Collapse ${props.node.name}` : `Expand ${props.node.name}`}
          aria-expanded={expanded()}
          tabIndex={expandable() ? 0 : -1}
        >
          <ChevronRight width="14" height="14" />
        </button>
        <Building class="tree__icon" width="16" height="16" />
        <A class="tree__name" href={`/companies/${props.node.id}`}>
          {props.node.name}
        </A>
        <Show when={props.canCreateUsers}>
          <A
            class="tree__action"
            href={`/users/new?companyId=${props.node.id}`}
            title={`New user in ${props.node.name}`}
            aria-label={`New user in ${props.node.name}`}
          >
            <UserPlus width="16" height="16" />
          </A>
        </Show>
        <span class="badge" title={`${props.node.userCount} users`}>
          {props.node.userCount}
        </span>
      </div>
      <Show when={expanded() && expandable()}>
        <ul>
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
          <li>
            <div
              class="tree__row tree__row--user"
              classList={{ 'tree__row--active': location.pathname === `/users/${u.id}` }}
              style={{ 'padding-left': `${24 + (props.depth + level) * 16}px` }}
            >
              <UserIcon class="tree__icon" width="15" height="15" />
              <A class="tree__name" href={`/users/${u.id}`} title={u.username}>
                {u.displayName}
              </A>
              <Show when={u.subUserCount > 0}>
                <span class="muted small">+{u.subUserCount}</span>
              </Show>
            </div>
          </li>
        )}
      </For>
      <Show when={users()?.nextCursor}>
        <li class="muted small" style={{ 'padding-left': `${24 + props.depth * 16}px` }}>
          <A href={`/companies/${props.companyId}`}>Show all users…</A>
        </li>
      </Show>
    </Suspense>
  );
}
