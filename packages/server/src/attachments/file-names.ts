// File names as people see them: what a client sent is only ever a label. It never chooses where a file is stored
// (keys are random), and it is cleaned before anyone sees it, so a name cannot carry a path, a control character or
// a right-to-left override that makes "gpj.exe" read as "exe.jpg".

const MAX_NAME_LENGTH = 200;
// C0/C1 controls, and the Unicode format characters that reorder or hide text (bidi overrides and isolates,
// zero-width characters, the BOM).
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

/** The name to show and to offer in downloads and e-mails; "attachment" when nothing usable is left. */
export function displayFileName(raw: string | null | undefined): string {
  const lastPart = (raw ?? '').split(/[/\\]/).pop() ?? '';
  let name = lastPart.normalize('NFC').replace(UNSAFE_CHARACTERS, '').trim();
  if (name === '.' || name === '..') name = '';
  if (name.length > MAX_NAME_LENGTH) {
    // Keep the extension: it is what people recognise a file by.
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
    name = name.slice(0, MAX_NAME_LENGTH - extension.length) + extension;
  }
  return name || 'attachment';
}

/**
 * `Content-Disposition: attachment` with the name twice: an ASCII fallback for old clients and the exact name as
 * RFC 5987 `filename*`. Always `attachment`, never `inline`: a browser must not render what a customer uploaded.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** "20 MB" for limits in messages (binary megabytes, as the limits are configured). */
export function formatMegabytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  return `${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1)} MB`;
}
