import { useParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { PERMISSION_CATALOG, type PermissionNode } from '../../../schemas/permissions';
import { useMe } from '../../lib/use-me';

const leaves = (n: PermissionNode): PermissionNode[] =>
  n.children?.length ? n.children.flatMap(leaves) : [n];

/**
 * An integrator's module (monitor, playback, reports …): Gatehouse only decides who sees it
 * and which of its function points they hold; the module itself lives elsewhere.
 */
export default function ModulePage() {
  const params = useParams<{ module: string }>();
  const { me } = useMe();
  const module = () => PERMISSION_CATALOG.web.find((m) => m.key === `web.${params.module}`);
  const held = () => new Set(me()?.permissions ?? []);
  return (
    <div class="page">
      <Show
        when={module()}
        fallback={
          <div class="empty-state">
            <h1>No such module</h1>
          </div>
        }
      >
        {(m) => (
          <>
            <div class="page__head">
              <div>
                <h1>{m().label}</h1>
                <p class="muted">
                  A module of the fleet platform. Gatehouse decides who sees it and which of its
                  function points they may use.
                </p>
              </div>
            </div>
            <section class="card">
              <h3>Your function points</h3>
              <ul class="stat-list">
                <For each={leaves(m())}>
                  {(p) => (
                    <li>
                      <span>{p.label}</span>
                      <strong classList={{ muted: !held().has(p.key) }}>
                        {held().has(p.key) ? 'Allowed' : 'Not granted'}
                      </strong>
                    </li>
                  )}
                </For>
              </ul>
            </section>
          </>
        )}
      </Show>
    </div>
  );
}
