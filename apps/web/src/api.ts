// The API client: JSON over fetch with the session's bearer token; every failure becomes an ApiError that
// carries the server's problem (stable code, Vietnamese and English message) for the page to show.

export interface Text {
  vi: string;
  en: string;
}

export interface Problem {
  status: number;
  code: string;
  message: Text;
  details?: unknown;
  requestId?: string;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message.en);
  }
}

export type Role =
  'admin' | 'home_affairs' | 'chairperson' | 'viewer' | 'unit_member' | 'unit_head' | 'officer';

export interface User {
  id: string;
  login: string;
  displayName: string;
  issuer: string;
  /** The language saved on the server (absent in sessions stored before it was answered). */
  language?: 'vi' | 'en';
  roles: { role: Role; unit: { code: string; name: string } | null }[];
}

const STORE = 'dondoc.session';

interface Stored {
  token: string;
  expiresAt: string;
  user: User;
}

let onSignedOut: () => void = () => {};

export const session = {
  read(): Stored | null {
    try {
      const s = JSON.parse(sessionStorage.getItem(STORE) ?? 'null') as Stored | null;
      return s && Date.parse(s.expiresAt) > Date.now() ? s : null;
    } catch {
      return null;
    }
  },
  save(s: Stored) {
    sessionStorage.setItem(STORE, JSON.stringify(s));
  },
  clear() {
    sessionStorage.removeItem(STORE);
  },
  onSignedOut(fn: () => void) {
    onSignedOut = fn;
  },
};

const offline: Problem = {
  status: 0,
  code: 'network_error',
  message: {
    vi: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
    en: 'The server cannot be reached. Check the network and try again.',
  },
};

export interface CallOptions {
  body?: unknown;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

async function send(method: string, path: string, o: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = session.read()?.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(offline);
  }
  if (res.ok) return res;
  let problem: Problem;
  try {
    problem = (await res.json()) as Problem;
    if (!problem?.message?.vi) throw new Error('not a problem');
  } catch {
    problem = {
      status: res.status,
      code: `http_${res.status}`,
      message: { vi: `Máy chủ trả lời lỗi ${res.status}.`, en: `The server answered ${res.status}.` },
    };
  }
  if (res.status === 401 && path !== '/auth/login') {
    session.clear();
    onSignedOut();
  }
  throw new ApiError(problem);
}

export async function api<T>(method: string, path: string, o: CallOptions = {}): Promise<T> {
  const res = await send(method, path, o);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Downloads a file the API renders (PDF, XLSX, CSV) with the session's token and saves it. */
export async function download(
  path: string,
  fileName: string,
  o: { method?: string; body?: unknown } = {},
): Promise<void> {
  const res = await send(o.method ?? 'GET', path, o.body !== undefined ? { body: o.body } : {});
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function fetchText(path: string, o: { method?: string; body?: unknown } = {}): Promise<string> {
  return (await send(o.method ?? 'GET', path, o.body !== undefined ? { body: o.body } : {})).text();
}

/** One key per user intent: a retried click sends the same key and the engine applies it once. */
export function newKey(): string {
  return crypto.randomUUID();
}

export const q = (params: Record<string, string | number | boolean | undefined | null>): string => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
};
