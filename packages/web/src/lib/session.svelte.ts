// The signed-in agent's session token. Kept in localStorage: the API authenticates with `Authorization: Bearer` over
// HTTP and in graphql-ws' connection_init, never with cookies, so there is no CSRF surface; the price is that a script
// injected into the page could read it, which is why message bodies are only ever rendered as text.
const KEY = 'deskgraph.session';

function read(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export const session = $state<{ token: string | null }>({ token: typeof localStorage === 'undefined' ? null : read() });

export function signIn(token: string) {
  localStorage.setItem(KEY, token);
  session.token = token;
}

export function signOut() {
  localStorage.removeItem(KEY);
  session.token = null;
}
