// Characters that text people type must not carry, one definition for every layer: the API's edge refuses them,
// the workflows' validators refuse them, the plan checker reports them, and what people read (mail, reports) has
// the bidirectional controls removed. Pure and browser-safe (apps/presentation and the workflow sandbox use it).

/** U+0000: JSON can spell it; PostgreSQL `text` and `jsonb` cannot hold it (22021, 22P05). */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const NUL = /\u0000/;
/** A UTF-16 surrogate without its pair: JSON can spell one (\ud800); UTF-8, PostgreSQL and e-mail cannot. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/**
 * Bidirectional controls: embeddings and overrides (U+202A–202E), isolates (U+2066–2069) and the marks
 * (U+200E, U+200F, U+061C). Vietnamese never needs them; in a name or a note they reorder what a reader sees
 * (an RLO turns "hạn 30/6" into a different-looking string in a mail or a report).
 */
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;
const BIDI_ALL = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

export type UnsafeText = 'nul' | 'lone_surrogate' | 'bidi_control';

/** Why a string cannot be accepted, or undefined when it can. */
export function unsafeTextIn(s: string): UnsafeText | undefined {
  if (NUL.test(s)) return 'nul';
  if (LONE_SURROGATE.test(s)) return 'lone_surrogate';
  if (BIDI.test(s)) return 'bidi_control';
  return undefined;
}

/**
 * The first string (or key) of a value that cannot be accepted, with its path; iterative, so deep nesting
 * cannot overflow the stack.
 */
export function findUnsafeText(value: unknown): { path: string; reason: UnsafeText } | undefined {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const reason = unsafeTextIn(v);
      if (reason) return { path, reason };
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        const reason = unsafeTextIn(k);
        if (reason) return { path: at, reason };
        stack.push([x, at]);
      }
    }
  }
  return undefined;
}

/** The reason in both languages, for the API's problem and the workflows' refusal. */
export function unsafeTextMessage(reason: UnsafeText): { vi: string; en: string } {
  switch (reason) {
    case 'nul':
      return {
        vi: 'Văn bản chứa ký tự rỗng (NUL) không lưu được; hãy xóa ký tự đó rồi gửi lại.',
        en: 'The text holds a NUL character, which cannot be stored; remove it and send again.',
      };
    case 'lone_surrogate':
      return {
        vi: 'Văn bản chứa ký tự Unicode không hợp lệ.',
        en: 'The text holds invalid Unicode characters.',
      };
    case 'bidi_control':
      return {
        vi: 'Văn bản chứa ký tự điều khiển hướng chữ (có thể làm sai lệch nội dung hiển thị); hãy xóa rồi gửi lại.',
        en: 'The text holds bidirectional control characters, which can disguise what is shown; remove them.',
      };
  }
}

/** Text as a reader should see it: bidirectional controls removed (for text stored before they were refused). */
export function withoutBidiControls(s: string): string {
  return s.replace(BIDI_ALL, '');
}
