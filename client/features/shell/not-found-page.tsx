import { usePageTitle } from '../../lib/page-title';

export default function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <div class="page">
      <div class="empty-state">
        <h1>Page not found</h1>
        <p class="muted">The page you asked for does not exist.</p>
        <a class="button button--primary" href="/">
          Back to overview
        </a>
      </div>
    </div>
  );
}
