// The session token: the web host puts it in the URL fragment (#token=…), which never reaches a
// server. Keep it in sessionStorage for reloads of this tab and take it out of the address bar.
const KEY = 'sightline.token';

export function sessionToken(): string | null {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem(KEY, m[1]!);
    history.replaceState(null, '', `${location.pathname}#/home`);
    return m[1]!;
  }
  return sessionStorage.getItem(KEY);
}
