// The agent app renders in the browser only: every screen needs the signed-in agent's token, which lives in the
// browser (see $lib/session.svelte.ts), so server rendering would only ever draw a sign-in redirect.
export const ssr = false;
export const prerender = false;
