import { render } from 'solid-js/web';
// First, so feature stylesheets imported by the components below come later and win ties.
import './ui/styles.css';
import { App } from './app';

const root = document.getElementById('root');
if (root) render(() => <App />, root);
