import { render } from 'solid-js/web';
// First, so feature stylesheets imported by the components below come later and win ties.
import './ui/styles.css';
import { App } from './app';
import { handOffToApp } from './features/app/app-handoff';
import { startLocale } from './i18n';

const root = document.getElementById('root');
// The chosen language's catalog first, so the first paint already speaks it.
// Opened at an APP address (a fallback that missed the APP's page): the APP, not the console.
if (root && !handOffToApp()) void startLocale().then(() => render(() => <App />, root));
