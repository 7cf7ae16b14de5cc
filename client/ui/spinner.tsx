import { t } from '../i18n';

export function Spinner(props: { label?: string }) {
  return <span class="spinner" role="status" aria-label={props.label ?? t('ui.loading')} />;
}
