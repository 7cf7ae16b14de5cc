import { createAsync } from '@solidjs/router';
import { createMemo, createSignal, For, Show, Suspense } from 'solid-js';
import type { CompanyTreeNode } from '../../../schemas/companies';
import { Building, ChevronRight, Search } from '../../ui/icons';
import { Spinner } from '../../ui/spinner';
import { getCompanyTree } from './company-tree.query';

/** Keeps the nodes whose name matches, with the ancestors that lead to them. */
function filterTree(nodes: CompanyTreeNode[], needle: string): CompanyTreeNode[] {
  if (!needle) return nodes;
  const out: CompanyTreeNode[] = [];
  for (const n of nodes) {
    const children = filterTree(n.children, needle);
    if (n.name.toLowerCase().includes(needle) || children.length > 0) out.push({ ...n, children });
  }
  return out;
}

export function CompanyTreePane(props: { scopeName: string }) {
  const tree = createAsync(() => getCompanyTree());
  const [search, setSearch] = createSignal('');
  const visible = createMemo(() => filterTree(tree()?.roots ?? [], search().trim().toLowerCase()));

  return (
    <aside class="tree-pane" aria-label="Company tree">
      <div class="tree-pane__head">
        <h2>Organization</h2>
        <span class="muted small">Scope: {props.scopeName}</span>
      </div>
      <label class="search">
        <Search />
        <input
          type="search"
          placeholder="Search companies"
          aria-label="Search companies"
          value={search()}
          onInput={(e) => setSearch(e.currentTarget.value)}
        />
      </label>
      <Suspense
        fallback={
          <div class="tree-pane__empty">
            <Spinner /> Loading companies…
          </div>
        }
      >
        <Show when={tree()}>
          <Show
            when={visible().length > 0}
            fallback={
              <p class="tree-pane__empty">
                {search().trim()
                  ? `No company matches “${search().trim()}”.`
                  : 'No company in your scope yet.'}
              </p>
            }
          >
            <ul class="tree">
              <For each={visible()}>
                {(n) => <TreeItem node={n} depth={0} forceOpen={search() !== ''} />}
              </For>
            </ul>
          </Show>
        </Show>
      </Suspense>
    </aside>
  );
}

function TreeItem(props: { node: CompanyTreeNode; depth: number; forceOpen: boolean }) {
  const [open, setOpen] = createSignal(props.depth < 2);
  const expanded = () => props.forceOpen || open();
  const hasChildren = () => props.node.children.length > 0;

  return (
    <li>
      <div class="tree__row" style={{ 'padding-left': `${8 + props.depth * 16}px` }}>
        <button
          type="button"
          class="tree__toggle"
          classList={{ 'tree__toggle--open': expanded(), 'tree__toggle--leaf': !hasChildren() }}
          onClick={() => setOpen(!open())}
          aria-label={expanded() ? `Collapse ${props.node.name}` : `Expand ${props.node.name}`}
          tabIndex={hasChildren() ? 0 : -1}
        >
          <ChevronRight width="14" height="14" />
        </button>
        <Building class="tree__icon" width="16" height="16" />
        <span class="tree__name">{props.node.name}</span>
        <span class="badge" title={`${props.node.userCount} users`}>
          {props.node.userCount}
        </span>
      </div>
      <Show when={hasChildren() && expanded()}>
        <ul>
          <For each={props.node.children}>
            {(child) => (
              <TreeItem node={child} depth={props.depth + 1} forceOpen={props.forceOpen} />
            )}
          </For>
        </ul>
      </Show>
    </li>
  );
}
