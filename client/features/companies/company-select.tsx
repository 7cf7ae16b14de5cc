import { createAsync } from '@solidjs/router';
import { For } from 'solid-js';
import { flattenTree, getCompany, getCompanyTree } from './company.queries';

/**
 * A picker over the caller's company tree (the two levels the tree loads first, plus the
 * current value), indented by depth. Selection is set per option, so it holds even when the
 * options arrive after the value.
 */
export function CompanySelect(props: {
  name: string;
  value: string;
  onChange: (id: string) => void;
  disabled?: boolean;
  exclude?: ReadonlySet<string>;
  placeholder?: string;
}) {
  const tree = createAsync(() => getCompanyTree());
  const loaded = () => flattenTree(tree()?.roots ?? []);
  // The tree holds two levels; a deeper current value is fetched so it can still show.
  const current = createAsync(async () =>
    props.value && tree() && !loaded().some((o) => o.node.id === props.value)
      ? getCompany(props.value)
      : undefined,
  );
  const options = () => {
    const c = current();
    const extra = c ? [{ node: { ...c, children: [] }, depth: c.trail.length }] : [];
    return [...loaded(), ...extra].filter((o) => !props.exclude?.has(o.node.id));
  };
  return (
    <select
      name={props.name}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    >
      <option value="" disabled selected={!props.value}>
        {props.placeholder ?? 'Choose a company'}
      </option>
      <For each={options()}>
        {(o) => (
          <option value={o.node.id} selected={o.node.id === props.value}>
            {`${'\u00a0\u00a0'.repeat(o.depth)}${o.node.name}`}
          </option>
        )}
      </For>
    </select>
  );
}
