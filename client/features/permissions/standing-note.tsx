import { Match, Switch } from 'solid-js';
import { t } from '../../i18n';
import type { PermissionStanding } from './permission-standing';

const heldText = (s: { direct: boolean; viaRole: boolean }) =>
  s.direct && s.viaRole
    ? t('permissions.standing.heldBoth')
    : s.direct
      ? t('permissions.standing.heldDirect')
      : t('permissions.standing.heldViaRole');

/** The few words on a permission row that say whether the account holds it, and why not. */
export function StandingNote(props: { id: string; standing: PermissionStanding }) {
  return (
    <Switch>
      <Match when={props.standing.kind === 'held' && props.standing}>
        {(s) => (
          <span id={props.id} class="perm-note perm-note--held">
            {heldText(s())}
          </span>
        )}
      </Match>
      <Match when={props.standing.kind === 'capped' && props.standing}>
        {(s) => (
          <span id={props.id} class="perm-note perm-note--capped">
            {s().parent
              ? t('permissions.standing.capped', { parent: s().parent ?? '' })
              : t('permissions.standing.cappedHidden')}
          </span>
        )}
      </Match>
      <Match when={props.standing.kind === 'partlyCapped' && props.standing}>
        {(s) => (
          <span id={props.id} class="perm-note perm-note--capped">
            {s().parent
              ? t('permissions.standing.partlyCapped', { parent: s().parent ?? '' })
              : t('permissions.standing.partlyCappedHidden')}
          </span>
        )}
      </Match>
      <Match when={props.standing.kind === 'notGrantable'}>
        <span id={props.id} class="perm-note perm-note--locked">
          {t('permissions.standing.notGrantable')}
        </span>
      </Match>
    </Switch>
  );
}
