// Downloads from the API need the session's Authorization header, which a plain link cannot carry: fetch the file
// and hand it to the browser as a blob with its name.
import { graphqlHttpUrl } from '$lib/config';
import { session } from '$lib/session.svelte';

export async function downloadFromApi(path: string, fileName: string): Promise<{ ok: true } | { ok: false; status: number }> {
  const response = await fetch(new URL(path, graphqlHttpUrl()), {
    headers: session.token ? { authorization: `Bearer ${session.token}` } : {},
  });
  if (!response.ok) return { ok: false, status: response.status };
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return { ok: true };
}
