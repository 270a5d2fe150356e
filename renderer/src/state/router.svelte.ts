// Hash routing: #/page/argument. Pages are few and flat, so a route is a name and one argument.
export const PAGES = ['home', 'data', 'models', 'evaluate', 'drift', 'score'] as const;
export type Page = (typeof PAGES)[number];

export class Router {
  page = $state<Page>('home');
  arg = $state<string | undefined>(undefined);

  constructor() {
    this.read();
    window.addEventListener('hashchange', () => this.read());
  }

  go(page: Page, arg?: string): void {
    location.hash = arg ? `#/${page}/${encodeURIComponent(arg)}` : `#/${page}`;
  }

  private read(): void {
    const [, name, arg] = location.hash.split('/');
    this.page = (PAGES as readonly string[]).includes(name ?? '') ? (name as Page) : 'home';
    this.arg = arg ? decodeURIComponent(arg) : undefined;
  }
}
