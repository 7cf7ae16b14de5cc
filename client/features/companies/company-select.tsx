import { createAsync } from '@solidjs/router';
import { createEffect, createSignal, For, on, Show, Suspense } from 'solid-js';
import { t } from '../../i18n';
import { useMe } from '../../lib/use-me';
import { createDebounced } from '../../ui/debounced';
import { ChevronRight } from '../../ui/icons';
import { flattenTree, getCompany, getCompanyTree } from './company.queries';

let nextId = 0;

/**
 * A company picker for trees of any size: a combobox whose list shows the first two levels of
 * the caller's scope, and, once the admin types, the server's matches with their parents.
 * Arrow keys move, Enter picks, Escape closes.
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
}) {
  const listId = `company-list-${nextId++}`;
  const [open, setOpen] = createSignal(false);
  const [active, setActive] = createSignal(0);
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
  // Without "View companies" the read is refused, which would replace the form (page-guard).
  const tree = createAsync(async () =>
    open() && can('function.companies.view')
      ? getCompanyTree(search.settled() || undefined)
      : undefined,
  );
  const options = () =>
    flattenTree(tree()?.roots ?? [], 0, (n) => n.id === props.excludeBranch).filter(
      (o) => !props.exclude?.has(o.node.id),
    );
  let input: HTMLInputElement | undefined;

  // Ancestors are listed for context; start on the first real match.
  createEffect(
    on(options, (list) => {
      const q = search.settled().toLowerCase();
      const hit = q ? list.findIndex((o) => o.node.name.toLowerCase().includes(q)) : -1;
      setActive(Math.max(0, hit));
    }),
  );

  const choose = (id: string | undefined) => {
    if (!id) return;
    props.onChange(id);
    setOpen(false);
    search.input('');
  };
  const onKey = (e: KeyboardEvent) => {
    const count = options().length;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(count - 1, i + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (e.key === 'Enter' && open()) {
      e.preventDefault();
      choose(options()[active()]?.node.id);
    } else if (e.key === 'Escape' && open()) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div
      class="combo"
      onFocusOut={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <input type="hidden" name={props.name} value={props.value} />
      <input
        ref={input}
        class="combo__input"
        role="combobox"
        aria-expanded={open()}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-labelledby={props.labelledBy}
        aria-activedescendant={open() ? `${listId}-${active()}` : undefined}
        disabled={props.disabled}
        placeholder={currentName() || props.placeholder || t('companies.chooseCompany')}
        value={open() ? search.value() : currentName()}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onInput={(e) => {
          setOpen(true);
          search.input(e.currentTarget.value);
        }}
        onKeyDown={onKey}
      />
      <ChevronRight class="combo__chevron" width="14" height="14" />
      <Show when={open()}>
        <div class="combo__list" id={listId} role="listbox">
          <Suspense fallback={<div class="combo__empty">{t('companies.searching')}</div>}>
            <Show
              when={options().length > 0}
              fallback={<div class="combo__empty">{t('companies.noCompanyMatches')}</div>}
            >
              <For each={options()}>
                {(o, i) => (
                  <div
                    id={`${listId}-${i()}`}
                    role="option"
                    tabIndex={-1}
                    aria-selected={o.node.id === props.value}
                    class="combo__option"
                    classList={{ 'combo__option--active': i() === active() }}
                    style={{ 'padding-left': `${10 + o.depth * 14}px` }}
                    onMouseDown={(e) => {
                      e.preventDefault();
                      choose(o.node.id);
                    }}
                    onMouseEnter={() => setActive(i())}
                  >
                    {o.node.name}
                  </div>
                )}
              </For>
            </Show>
          </Suspense>
        </div>
      </Show>
    </div>
  );
}
