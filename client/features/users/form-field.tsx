import { type JSX, Show } from 'solid-js';

/** The attributes that tie a control to its label, hint and error (for screen readers too). */
export function controlAria(id: string, error: string | undefined, hasHint = false) {
  const described = [error ? `${id}-error` : hasHint ? `${id}-hint` : ''].filter(Boolean);
  return {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described.length ? described.join(' ') : undefined,
  } as const;
}

/**
 * A labelled field: its rule (hint) up front, replaced by the error while there is one. The
 * control inside takes `controlAria(id, error, !!hint)`; `wrap` labels a control that cannot
 * take an id (a combobox) by enclosing it.
 */
export function FormField(props: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  wrap?: boolean;
  children: JSX.Element;
}) {
  const notes = (
    <Show
      when={props.error}
      fallback={
        <Show when={props.hint}>
          <span class="field__hint" id={`${props.id}-hint`}>
            {props.hint}
          </span>
        </Show>
      }
    >
      <span class="field__error" id={`${props.id}-error`}>
        {props.error}
      </span>
    </Show>
  );
  return (
    <Show
      when={props.wrap}
      fallback={
        <div class="field" classList={{ 'field--invalid': !!props.error }}>
          <label class="field__label" for={props.id}>
            {props.label}
          </label>
          {props.children}
          {notes}
        </div>
      }
    >
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the control arrives as children */}
      <label class="field" classList={{ 'field--invalid': !!props.error }}>
        <span class="field__label" id={`${props.id}-label`}>
          {props.label}
        </span>
        {props.children}
        {notes}
      </label>
    </Show>
  );
}
