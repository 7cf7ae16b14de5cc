import { createSignal, For, Show } from 'solid-js';
import {
  PERMISSION_CATALOG,
  type PermissionNode,
  type PermissionTree,
} from '../../../schemas/permissions';
import { t } from '../../i18n';
import { ChevronRight } from '../../ui/icons';
import './permission-editor.css';
import { permissionLabel } from '../../i18n/permission-label';
import { type PermissionStanding, type StandingInputs, standingOf } from './permission-standing';
import { onTreeKey } from './permission-tree-keys';
import { checkState, subtreeKeys, toggle } from './permission-tree-state';
import { StandingNote } from './standing-note';

const TREES: PermissionTree[] = ['function', 'web', 'app'];

/**
 * Three ARIA trees (functions, WEB, APP) whose rows tick direct grants (parent/child
 * tri-state) and say where each permission stands: held (directly or via a role), capped by
 * the parent account, or not grantable by the editing admin.
 *
 * Hand-made rather than Ark's TreeView: its checkboxes derive a branch from its leaves, while
 * here a branch key is a grant of its own, and a row that cannot be granted must stay put.
 */
export function PermissionEditor(props: {
  /** The direct grants. */
  value: string[];
  onChange: (keys: string[]) => void;
  /** What the editing admin holds: nobody grants beyond its own. */
  grantable: ReadonlySet<string>;
  /** For an account's grants: the roles ticked and the parent's cap (a role edits none). */
  standing?: Pick<StandingInputs, 'fromRoles' | 'parent'>;
  disabled?: boolean;
}) {
  const inputs = (): StandingInputs => ({
    fromRoles: props.standing?.fromRoles ?? new Set(),
    parent: props.standing?.parent,
    grantable: props.grantable,
    direct: new Set(props.value),
  });
  return (
    <div class="perm-editor">
      <For each={TREES}>
        {(tree) => (
          <PermissionTreeView
            tree={tree}
            inputs={inputs()}
            forAccount={props.standing !== undefined}
            disabled={props.disabled ?? false}
            onChange={(next) => props.onChange([...next].sort())}
          />
        )}
      </For>
    </div>
  );
}

function PermissionTreeView(props: {
  tree: PermissionTree;
  inputs: StandingInputs;
  forAccount: boolean;
  disabled: boolean;
  onChange: (next: Set<string>) => void;
}) {
  const roots = PERMISSION_CATALOG[props.tree];
  const [expanded, setExpanded] = createSignal<ReadonlySet<string>>(new Set());
  // Roving focus: one row of the tree is in the tab order.
  const [active, setActive] = createSignal(roots[0]?.key ?? '');
  const count = () => roots.flatMap(subtreeKeys).filter((k) => props.inputs.direct.has(k)).length;
  const nodes = new Map<string, PermissionNode>();
  const index = (ns: readonly PermissionNode[]) => {
    for (const n of ns) {
      nodes.set(n.key, n);
      if (n.children) index(n.children);
    }
  };
  index(roots);
  const setOpen = (key: string, open: boolean) => {
    const next = new Set(expanded());
    if (open) next.add(key);
    else next.delete(key);
    setExpanded(next);
  };
  const tick = (key: string) => {
    const node = nodes.get(key);
    if (!node || props.disabled) return;
    props.onChange(toggle(node, props.inputs.direct, props.inputs.grantable));
  };
  const labelId = `perm-tree-${props.tree}`;
  return (
    <section class="perm-tree">
      <h4 class="perm-tree__title">
        <span id={labelId}>{t(`permissions.trees.${props.tree}`)}</span>{' '}
        <span class="badge" title={t('permissions.directCount', count())}>
          {count()}
        </span>
      </h4>
      <p class="muted small">{t(`permissions.treeHints.${props.tree}`)}</p>
      <div role="tree" aria-labelledby={labelId} aria-multiselectable="true">
        <For each={roots}>
          {(node) => (
            <PermissionTreeItem
              node={node}
              level={1}
              inputs={props.inputs}
              forAccount={props.forAccount}
              disabled={props.disabled}
              expanded={expanded()}
              active={active()}
              onFocus={setActive}
              onExpand={setOpen}
              onTick={tick}
            />
          )}
        </For>
      </div>
    </section>
  );
}

function PermissionTreeItem(props: {
  node: PermissionNode;
  level: number;
  inputs: StandingInputs;
  forAccount: boolean;
  disabled: boolean;
  expanded: ReadonlySet<string>;
  active: string;
  onFocus: (key: string) => void;
  onExpand: (key: string, open: boolean) => void;
  onTick: (key: string) => void;
}) {
  const key = () => props.node.key;
  const isBranch = () => (props.node.children?.length ?? 0) > 0;
  const open = () => props.expanded.has(key());
  const state = () => checkState(props.node, props.inputs.direct);
  // A row none of whose keys the admin holds cannot change; a branch with some can.
  const locked = () =>
    props.disabled || !subtreeKeys(props.node).some((k) => props.inputs.grantable.has(k));
  // Without an account (a role's grants) "held" would only repeat the tick.
  const standing = (): PermissionStanding => {
    const s = standingOf(
      key(),
      props.inputs,
      subtreeKeys(props.node).filter((k) => k !== key()),
    );
    return s.kind === 'held' && !props.forAccount ? { kind: 'none' } : s;
  };
  const id = () => `perm-${key().replaceAll('.', '-')}`;
  const label = () => permissionLabel(key());
  return (
    <div class="perm-node">
      {/* The note stays outside the item: the item's name is its label, the note describes it. */}
      <div class="perm-row" classList={{ 'perm-row--locked': locked() }}>
        {/* biome-ignore lint/a11y/useFocusableInteractive: focusable through its roving tabindex */}
        <div
          role="treeitem"
          class="perm-item"
          data-key={key()}
          aria-level={props.level}
          aria-expanded={isBranch() ? open() : undefined}
          aria-checked={state() === 'mixed' ? 'mixed' : state() === 'checked'}
          aria-disabled={locked() || undefined}
          aria-labelledby={`${id()}-label`}
          aria-describedby={standing().kind === 'none' ? undefined : `${id()}-standing`}
          tabindex={props.active === key() ? 0 : -1}
          onFocus={() => props.onFocus(key())}
          onClick={(e) => {
            e.currentTarget.focus();
            props.onTick(key());
          }}
          onKeyDown={(e) => {
            const tree = e.currentTarget.closest<HTMLElement>('[role="tree"]');
            if (!tree) return;
            if (onTreeKey(tree, e, { setExpanded: props.onExpand, toggle: props.onTick })) {
              e.preventDefault();
            }
          }}
        >
          <Show when={isBranch()} fallback={<span class="perm-row__spacer" />}>
            <span
              class="tree__toggle"
              classList={{ 'tree__toggle--open': open() }}
              aria-hidden="true"
              title={t(open() ? 'permissions.collapse' : 'permissions.expand', { name: label() })}
              onClick={(e) => {
                e.stopPropagation();
                props.onExpand(key(), !open());
              }}
            >
              <ChevronRight width="14" height="14" />
            </span>
          </Show>
          <span class="perm-check" data-state={state()} aria-hidden="true" />
          <span class="perm-row__label" id={`${id()}-label`}>
            {label()}
          </span>
        </div>
        <StandingNote id={`${id()}-standing`} standing={standing()} />
      </div>
      <Show when={isBranch() && open()}>
        {/* biome-ignore lint/a11y/useSemanticElements: an ARIA tree's group holds treeitems */}
        <div role="group">
          <For each={props.node.children}>
            {(child) => (
              <PermissionTreeItem
                node={child}
                level={props.level + 1}
                inputs={props.inputs}
                forAccount={props.forAccount}
                disabled={props.disabled}
                expanded={props.expanded}
                active={props.active}
                onFocus={props.onFocus}
                onExpand={props.onExpand}
                onTick={props.onTick}
              />
            )}
          </For>
        </div>
      </Show>
    </div>
  );
}
