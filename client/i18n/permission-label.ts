import { en } from './en';
import { t } from './index';

type LabelKey = keyof typeof en.permissions.labels;
const hasLabel = (key: string): key is LabelKey => key in en.permissions.labels;

/** A catalog key's label in the chosen language ("Live map" / "实时地图"); the key if unknown. */
export const permissionLabel = (key: string): string =>
  hasLabel(key) ? t(`permissions.labels.${key}`) : key;
