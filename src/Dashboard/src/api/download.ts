import { authorizationHeaders } from './credential';

/// Downloads a file the API streams (an export) with the session's credential, which a plain
/// link could not send, and saves it under the name the server gave it.
export async function download(url: string): Promise<{ ok: true; name: string; bytes: number } | { ok: false; message: string; code?: string }> {
  const response = await fetch(url, { headers: authorizationHeaders() });
  if (!response.ok) {
    let body: { detail?: string; title?: string; code?: string; extensions?: { code?: string } } = {};
    try {
      body = await response.json();
    } catch {
      // Not a problem document: the status says enough.
    }
    return { ok: false, message: body.detail ?? body.title ?? `The server answered ${response.status}.`, code: body.code ?? body.extensions?.code };
  }
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? 'export';
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = decodeURIComponent(name);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  return { ok: true, name: link.download, bytes: blob.size };
}
