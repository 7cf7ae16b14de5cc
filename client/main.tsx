import { render } from 'solid-js/web';
// First, so feature stylesheets imported by the components below come later and win ties.
import './ui/styles.css';
import { App } from './app';
import { startLocale } from './i18n';

const root = document.getElementById('root');
// The chosen language's catalog first, so the first paint already speaks it.
if (root) void startLocale().then(() => render(() => <App />, root));
