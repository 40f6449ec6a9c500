// What a file is, decided from its bytes: the name and the type a client claims are ignored, so an executable
// renamed "invoice.png" is still an executable. Only an allow-list of everyday support attachments is accepted.
import { fileTypeFromBlob } from 'file-type';

/** Detected types we accept, by MIME type as file-type reports them. Anything else is refused. */
const ALLOWED_DETECTED_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/heif',
  'application/pdf',
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document', // docx
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', // xlsx
  'application/vnd.openxmlformats-officedocument.presentationml.presentation', // pptx
]);

/**
 * What customers send on WhatsApp, Messenger and Instagram besides images and documents: voice notes (Ogg/Opus, AAC,
 * AMR, MP3) and videos (MP4, 3GP, QuickTime). Accepted for media fetched from those channels, not for uploads.
 */
export const CHANNEL_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'audio/ogg',
  'audio/ogg; codecs=opus', // WhatsApp voice notes, as file-type names them
  'audio/aac',
  'audio/mp4',
  'audio/mpeg',
  'audio/amr',
  'audio/x-m4a',
  'video/mp4',
  'video/3gpp',
  'video/3gpp2',
  'video/quicktime',
]);

/** Files with no signature at all are accepted as this, if they turn out to be clean UTF-8 text (logs, CSV, JSON). */
export const PLAIN_TEXT = 'text/plain';

/** How many leading bytes the signature checks look at (file-type reads more on its own where a format needs it). */
export const HEAD_BYTES = 4100;

export type Detection = { accepted: true; contentType: string } | { accepted: false; reason: string };

const startsWith = (head: Uint8Array, signature: readonly number[]) =>
  head.length >= signature.length && signature.every((byte, index) => head[index] === byte);

/**
 * Programs, whatever their name says: ELF (Linux), PE "MZ" (Windows), Mach-O (macOS, thin and fat) and scripts with
 * a shebang. Checked before the allow-list so the refusal says plainly what the file is.
 */
export function executableKind(head: Uint8Array): string | null {
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return 'a Linux program (ELF)';
  if (startsWith(head, [0x4d, 0x5a])) return 'a Windows program (PE)';
  const machO = [
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe],
    [0xca, 0xfe, 0xba, 0xbe],
    [0xbe, 0xba, 0xfe, 0xca],
  ];
  if (machO.some((signature) => startsWith(head, signature))) return 'a macOS program (Mach-O)';
  // A byte-order mark may precede the shebang of a script saved by a Windows editor.
  const text = startsWith(head, [0xef, 0xbb, 0xbf]) ? head.subarray(3) : head;
  if (startsWith(text, [0x23, 0x21])) return 'a script (#!)';
  return null;
}

/**
 * Checks that a stream of chunks is UTF-8 text a person could read: valid UTF-8 and no NUL bytes. Binary formats
 * without a signature fail here, so they never pass as "text".
 */
export class TextCheck {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  /** False as soon as the text is not clean. */
  push(chunk: Uint8Array): boolean {
    if (chunk.includes(0)) return false;
    try {
      this.decoder.decode(chunk, { stream: true });
      return true;
    } catch {
      return false;
    }
  }

  /** False when the text ended inside a multi-byte character. */
  end(): boolean {
    try {
      this.decoder.decode();
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * The content type of a file from its first bytes (a Blob can be read more than once, so the caller then streams it
 * whole into storage). For text, only the head is checked here; the caller checks the rest with `TextCheck` as the
 * bytes go by.
 */
export async function detectContentType(file: Blob, alsoAccepted: ReadonlySet<string> = new Set()): Promise<Detection> {
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const executable = executableKind(head);
  if (executable) return { accepted: false, reason: `it is ${executable}` };
  const detected = await fileTypeFromBlob(file);
  if (detected) {
    return ALLOWED_DETECTED_TYPES.has(detected.mime) || alsoAccepted.has(detected.mime)
      ? { accepted: true, contentType: detected.mime }
      : { accepted: false, reason: `files of type ${detected.ext} (${detected.mime}) are not accepted` };
  }
  // The head may end inside a multi-byte character; `end()` is only meaningful for the whole file.
  if (!new TextCheck().push(head)) {
    return { accepted: false, reason: 'its content is neither an accepted format nor UTF-8 text' };
  }
  return { accepted: true, contentType: PLAIN_TEXT };
}

/** What the allow-list accepts, for error messages. */
export const ACCEPTED_KINDS = 'images (PNG, JPEG, GIF, WebP, HEIC), PDF, Word/Excel/PowerPoint (docx, xlsx, pptx), ZIP and UTF-8 text';
