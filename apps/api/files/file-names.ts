// What an uploaded file is, decided from its bytes (never from its name or the browser's Content-Type), and
// the name it is stored and downloaded under.

/** The kinds of evidence accepted: the detected type and the extension the stored name gets. */
export const ALLOWED_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/tiff': 'tif',
  'image/webp': 'webp',
};

/** The longest stored name, in characters, extension included. */
export const MAX_NAME = 200;

const SAME_EXTENSION: Record<string, readonly string[]> = { jpg: ['jpg', 'jpeg'], tif: ['tif', 'tiff'] };

/**
 * A file name safe to store and to send back in Content-Disposition: no folders, no control or bidirectional
 * override characters, none of the characters Windows refuses, NFC, at most MAX_NAME characters, and always the
 * extension of the detected type ("bao-cao.pdf" that is really a PNG becomes "bao-cao.pdf.png").
 */
export function sanitizeFileName(raw: string | undefined, extension: string): string {
  let s = (raw ?? '').normalize('NFC');
  s = s.split(/[\\/]/).pop() ?? '';
  s = s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(s);
  const known = SAME_EXTENSION[extension] ?? [extension];
  let stem = ext && known.includes(ext[1]!.toLowerCase()) ? s.slice(0, -ext[0].length) : s;
  const room = MAX_NAME - extension.length - 1;
  const chars = Array.from(stem);
  if (chars.length > room) stem = chars.slice(0, room).join('').trimEnd();
  stem = stem.replace(/[.\s]+$/, '');
  return `${stem || 'tệp'}.${extension}`;
}

/** Content-Disposition for a download: always an attachment, the name in UTF-8 with an ASCII fallback. */
export function attachmentDisposition(name: string): string {
  const ascii =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\%]/g, '_') || 'tep';
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
