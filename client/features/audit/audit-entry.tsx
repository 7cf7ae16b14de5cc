import { For, Match, Show, Switch } from 'solid-js';
import type { AuditEntry } from '../../../schemas/audit';
import { formatInstant, formatRelative, t } from '../../i18n';
import { type DiffRow, diffRows } from './audit-diff';
import {
  actionName,
  entrySentence,
  fieldLabel,
  itemsText,
  type NameOf,
  valueText,
} from './audit-words';

/** One entry of the log: the sentence, when, the action, and its details on demand. */
export function AuditEntryItem(props: { entry: AuditEntry; nameOf: NameOf }) {
  const rows = () => diffRows(props.entry.before, props.entry.after);
  return (
    <li class="audit-entry">
      <p class="audit-entry__what">{entrySentence(props.entry)}</p>
      <time
        class="audit-entry__when"
        datetime={props.entry.at}
        title={formatRelative(props.entry.at)}
      >
        {formatInstant(props.entry.at, true)}
      </time>
      <span
        class="tag audit-entry__action"
        classList={{ 'tag--danger': props.entry.action === 'auth.sign_in_failed' }}
      >
        {actionName(props.entry.action)}
      </span>
      <Show when={rows().length > 0}>
        <details class="audit-entry__details">
          <summary>{t('audit.showDetails')}</summary>
          <dl class="audit-diff" aria-label={t('audit.detailsOf')}>
            <For each={rows()}>{(row) => <DiffLine row={row} nameOf={props.nameOf} />}</For>
          </dl>
        </details>
      </Show>
    </li>
  );
}

function DiffLine(props: { row: DiffRow; nameOf: NameOf }) {
  const label = () => fieldLabel(props.row.field);
  return (
    <div class="audit-diff__row">
      <dt>{label()}</dt>
      <dd>
        <Switch>
          <Match when={props.row.kind === 'change' && props.row}>
            {(row) => (
              <>
                <span class="sr-only">{t('audit.changedFrom')} </span>
                <del class="audit-diff__before">
                  {valueText(row().field, row().before, props.nameOf)}
                </del>
                <span aria-hidden="true" class="audit-diff__arrow">
                  {' → '}
                </span>
                <span class="sr-only"> {t('audit.changedTo')} </span>
                <ins class="audit-diff__after">
                  {valueText(row().field, row().after, props.nameOf)}
                </ins>
              </>
            )}
          </Match>
          <Match when={props.row.kind === 'set' && props.row}>
            {(row) => (
              <>
                <Show when={row().added.length > 0}>
                  <span class="audit-diff__set">
                    <span class="audit-diff__sign">{t('audit.added')}:</span>{' '}
                    <ins class="audit-diff__after">
                      {itemsText(row().field, row().added, props.nameOf)}
                    </ins>
                  </span>
                </Show>
                <Show when={row().removed.length > 0}>
                  <span class="audit-diff__set">
                    <span class="audit-diff__sign">{t('audit.removed')}:</span>{' '}
                    <del class="audit-diff__before">
                      {itemsText(row().field, row().removed, props.nameOf)}
                    </del>
                  </span>
                </Show>
              </>
            )}
          </Match>
          <Match when={props.row.kind === 'fact' && props.row}>
            {(row) => valueText(row().field, row().value, props.nameOf)}
          </Match>
        </Switch>
      </dd>
    </div>
  );
}
