import { Search } from './icons';

/** A search box with its icon; `inline` for toolbars. */
export function SearchInput(props: {
  label: string;
  placeholder: string;
  value: string;
  onInput: (value: string) => void;
  inline?: boolean;
}) {
  return (
    <label class="search" classList={{ 'search--inline': props.inline }}>
      <Search />
      <input
        type="search"
        placeholder={props.placeholder}
        aria-label={props.label}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </label>
  );
}
