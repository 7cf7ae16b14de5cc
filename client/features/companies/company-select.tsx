import { Combobox, createListCollection } from '@ark-ui/solid';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import type { CompanyTreeNode } from '../../../schemas/companies';
import { t } from '../../i18n';
import { useMe } from '../../lib/use-me';
import { createDebounced } from '../../ui/debounced';
import { ChevronRight } from '../../ui/icons';
import { flattenTree, getCompany, getCompanyTree } from './company.queries';

type Option = { node: CompanyTreeNode; depth: number };

/**
 * A company picker for trees of any size: an Ark combobox whose list shows the first two
 * levels of the caller's scope, and, once the admin types, the server's matches with their
 * parents (indented). Arrow keys move, Enter picks, Escape closes the list (not the dialog
 * around it). The list is rendered in place, not in a portal, so it works inside a modal
 * <dialog>, whose outside is inert.
 */
export function CompanySelect(props: {
  name: string;
  value: string;
  onChange: (id: string) => void;
  disabled?: boolean;
  /** Companies not offered; their subsidiaries still are. */
  exclude?: ReadonlySet<string>;
  /** A company not offered together with all of its subsidiaries. */
  excludeBranch?: string;
  placeholder?: string;
  /** The id of the element naming the field, when no <label> wraps it. */
  labelledBy?: string;
  /** The ids of the field's hint and error, read after its name. */
  describedBy?: string;
}) {
  const [open, setOpen] = createSignal(false);
  const [highlighted, setHighlighted] = createSignal<string | null>(null);
  const search = createDebounced(200);
  // Read through an effect, not createAsync: a pending read would suspend the whole form.
  const [currentName, setCurrentName] = createSignal('');
  createEffect(
    on(
      () => props.value,
      (id) => {
        if (!id) return setCurrentName('');
        getCompany(id)
          .then((c) => setCurrentName(c.name))
          .catch(() => setCurrentName(''));
      },
    ),
  );
  const { can } = useMe();
  // Read through an effect too: the list's read must not suspend the form around the picker
  // (that would re-create the input and drop focus). Without "View companies" the read is
  // refused, which would replace the form (page-guard), so it is not made.
  const [roots, setRoots] = createSignal<CompanyTreeNode[] | undefined>();
  createEffect(
    on([open, search.settled], ([isOpen, q]) => {
      if (!isOpen || !can('function.companies.view')) return;
      setRoots(undefined);
      getCompanyTree(q || undefined).then(
        (tree) => q === search.settled() && setRoots(tree.roots),
        () => setRoots([]),
      );
    }),
  );
  const options = createMemo((): Option[] =>
    flattenTree(roots() ?? [], 0, (n) => n.id === props.excludeBranch).filter(
      (o) => !props.exclude?.has(o.node.id),
    ),
  );
  const collection = createMemo(() =>
    createListCollection<Option>({
      items: options(),
      itemToValue: (o) => o.node.id,
      itemToString: (o) => o.node.name,
    }),
  );

  // Ancestors are listed for context; start on the first real match.
  createEffect(
    on(options, (list) => {
      const q = search.settled().toLowerCase();
      const hit = q ? list.find((o) => o.node.name.toLowerCase().includes(q)) : undefined;
      setHighlighted((hit ?? list[0])?.node.id ?? null);
    }),
  );

  return (
    <Combobox.Root<Option>
      class="combo"
      collection={collection()}
      value={props.value ? [props.value] : []}
      onValueChange={(d) => {
        const id = d.value[0];
        if (id) props.onChange(id);
      }}
      inputValue={open() ? search.value() : currentName()}
      onInputValueChange={(d) => {
        if (d.reason === 'input-change') search.input(d.inputValue);
      }}
      open={open()}
      onOpenChange={(d) => {
        setOpen(d.open);
        if (!d.open) search.input('');
      }}
      highlightedValue={highlighted()}
      onHighlightChange={(d) => setHighlighted(d.highlightedValue)}
      openOnClick
      disabled={props.disabled ?? false}
      positioning={{ sameWidth: true, placement: 'bottom-start', gutter: 4 }}
      lazyMount
      unmountOnExit
    >
      <input type="hidden" name={props.name} value={props.value} />
      <Combobox.Control class="combo__control">
        <Combobox.Input
          class="combo__input"
          aria-labelledby={props.labelledBy}
          aria-describedby={props.describedBy}
          placeholder={currentName() || props.placeholder || t('companies.chooseCompany')}
        />
        <ChevronRight class="combo__chevron" width="14" height="14" />
      </Combobox.Control>
      <Combobox.Positioner class="combo__positioner">
        <Combobox.Content class="combo__list">
          <Show
            when={roots()}
            fallback={<div class="combo__empty">{t('companies.searching')}</div>}
          >
            <Show
              when={options().length > 0}
              fallback={<div class="combo__empty">{t('companies.noCompanyMatches')}</div>}
            >
              <For each={options()}>
                {(o) => (
                  <Combobox.Item
                    item={o}
                    class="combo__option"
                    style={{ 'padding-left': `${10 + o.depth * 14}px` }}
                  >
                    <Combobox.ItemText>{o.node.name}</Combobox.ItemText>
                  </Combobox.Item>
                )}
              </For>
            </Show>
          </Show>
        </Combobox.Content>
      </Combobox.Positioner>
    </Combobox.Root>
  );
}
