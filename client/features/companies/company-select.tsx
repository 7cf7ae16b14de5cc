import { createAsync } from '@solidjs/router';
import { For } from 'solid-js';
import { flattenTree, getCompanyTree } from './company.queries';

/**
 * A picker over the caller's company tree, indented by depth. Selection is set per option,
 * so it holds even when the options arrive after the value.
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
  const options = () =>
    flattenTree(tree()?.roots ?? []).filter((o) => !props.exclude?.has(o.node.id));
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
