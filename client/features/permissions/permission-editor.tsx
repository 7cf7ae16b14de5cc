import { createEffect, createSignal, For, Show } from 'solid-js';
import {
  PERMISSION_CATALOG,
  type PermissionNode,
  type PermissionTree,
} from '../../../schemas/permissions';
import { ChevronRight } from '../../ui/icons';
import { checkState, subtreeKeys, toggle } from './permission-tree-state';

const TREES: { key: PermissionTree; label: string; hint: string }[] = [
  { key: 'function', label: 'Functions', hint: 'Operations the API allows' },
  { key: 'web', label: 'WEB', hint: 'Console modules and buttons' },
  { key: 'app', label: 'APP', hint: 'Mobile screens and actions' },
];

/**
 * Three checkbox trees (functions, WEB, APP) with parent/child tri-state. Keys the editor does
 * not hold itself are shown but cannot be changed: nobody grants beyond its own.
 */
export function PermissionEditor(props: {
  value: string[];
  onChange: (keys: string[]) => void;
  grantable: ReadonlySet<string>;
  /** Keys the user gets from its roles, shown as a hint next to the direct grants. */
  inherited?: ReadonlySet<string>;
}) {
  const selected = () => new Set(props.value);
  return (
    <div class="perm-editor">
      <For each={TREES}>
        {(tree) => {
          const roots = PERMISSION_CATALOG[tree.key];
          const count = () => roots.flatMap(subtreeKeys).filter((k) => selected().has(k)).length;
          return (
            <fieldset class="perm-tree">
              <legend>
                {tree.label} <span class="badge">{count()}</span>
              </legend>
              <p class="muted small">{tree.hint}</p>
              <ul>
                <For each={roots}>
                  {(node) => (
                    <PermissionItem
                      node={node}
                      selected={selected()}
                      grantable={props.grantable}
                      inherited={props.inherited}
                      onChange={(next) => props.onChange([...next].sort())}
                    />
                  )}
                </For>
              </ul>
            </fieldset>
          );
        }}
      </For>
    </div>
  );
}

function PermissionItem(props: {
  node: PermissionNode;
  selected: ReadonlySet<string>;
  grantable: ReadonlySet<string>;
  inherited: ReadonlySet<string> | undefined;
  onChange: (next: Set<string>) => void;
}) {
  const [open, setOpen] = createSignal(false);
  const state = () => checkState(props.node, props.selected);
  const locked = () => !subtreeKeys(props.node).some((k) => props.grantable.has(k));
  const viaRole = () => props.inherited?.has(props.node.key) && !props.selected.has(props.node.key);
  return (
    <li>
      <div class="perm-row">
        <Show when={props.node.children?.length} fallback={<span class="perm-row__spacer" />}>
          <button
            type="button"
            class="tree__toggle"
            classList={{ 'tree__toggle--open': open() }}
            aria-label={open() ? `Collapse ${props.node.label}` : `Expand ${props.node.label}`}
            aria-expanded={open()}
            onClick={() => setOpen(!open())}
          >
            <ChevronRight width="14" height="14" />
          </button>
        </Show>
        <label
          classList={{ 'perm-row--locked': locked() }}
          title={locked() ? 'You do not hold this yourself' : props.node.key}
        >
          <input
            type="checkbox"
            checked={state() === 'checked'}
            ref={(el) =>
              createEffect(() => {
                el.indeterminate = state() === 'mixed';
              })
            }
            disabled={locked()}
            data-key={props.node.key}
            onChange={() => props.onChange(toggle(props.node, props.selected, props.grantable))}
          />
          <span>{props.node.label}</span>
          <Show when={viaRole()}>
            <span class="tag">via role</span>
          </Show>
        </label>
      </div>
      <Show when={open() && props.node.children?.length}>
        <ul>
          <For each={props.node.children}>
            {(child) => (
              <PermissionItem
                node={child}
                selected={props.selected}
                grantable={props.grantable}
                inherited={props.inherited}
                onChange={props.onChange}
              />
            )}
          </For>
        </ul>
      </Show>
    </li>
  );
}
