// Small pieces every page uses: loading and empty states, the action feedback line (announced to screen
// readers), and a hook that loads data and reloads it on demand.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type Problem } from '../api.js';
import { useLang } from '../i18n.js';

export function Loading({ label }: { label?: string }) {
  const { tr } = useLang();
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {label ?? tr('Đang tải…', 'Loading…')}
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

export function ProblemBox({ problem }: { problem: Problem }) {
  const { tx, tr } = useLang();
  return (
    <div class="feedback error" role="alert">
      <strong>{tx(problem.message)}</strong>
      <span class="code">
        {problem.code}
        {problem.requestId ? ` · ${tr('mã yêu cầu', 'request')} ${problem.requestId}` : ''}
      </span>
      {Array.isArray(problem.details) && problem.status === 400 && (
        <ul>
          {(problem.details as { path?: string; message?: string }[]).slice(0, 8).map((d, i) => (
            <li key={i}>
              {d.path ? `${d.path}: ` : ''}
              {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export type Feedback = { kind: 'ok'; text: string } | { kind: 'error'; problem: Problem } | null;

export function FeedbackLine({ feedback }: { feedback: Feedback }) {
  if (!feedback) return <div aria-live="polite" />;
  if (feedback.kind === 'error') return <ProblemBox problem={feedback.problem} />;
  return (
    <div class="feedback ok" role="status" aria-live="polite">
      ✓ {feedback.text}
    </div>
  );
}

export function asProblem(err: unknown): Problem {
  if (err instanceof ApiError) return err.problem;
  return {
    status: 0,
    code: 'client_error',
    message: {
      vi: 'Có lỗi trong trang. Tải lại trang rồi thử lại.',
      en: 'The page failed. Reload and try again.',
    },
  };
}

export interface Loaded<T> {
  data: T | undefined;
  problem: Problem | undefined;
  loading: boolean;
  reload(): void;
}

/** Loads with `load` whenever `deps` change; `reload()` loads again (after an action). */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; problem?: Problem; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const ctrl = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    loadRef
      .current(ctrl.signal)
      .then((data) => !ctrl.signal.aborted && setState({ data, loading: false }))
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        setState({ problem: asProblem(err), loading: false });
      });
    return () => ctrl.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, problem: state.problem, loading: state.loading, reload };
}

/** Shows loading, the problem, or the content. */
export function Async<T>({
  loaded,
  children,
}: {
  loaded: Loaded<T>;
  children: (data: T) => ComponentChildren;
}) {
  if (loaded.problem) return <ProblemBox problem={loaded.problem} />;
  if (loaded.data === undefined) return <Loading />;
  return <>{children(loaded.data)}</>;
}

export function Badge({
  tone,
  children,
}: {
  tone: 'red' | 'amber' | 'green' | 'grey' | 'blue';
  children: ComponentChildren;
}) {
  return <span class={`badge ${tone}`}>{children}</span>;
}

export function PageTitle({ children, sub }: { children: ComponentChildren; sub?: ComponentChildren }) {
  useEffect(() => {
    const main = document.getElementById('main');
    main?.focus({ preventScroll: true });
  }, []);
  return (
    <header class="page-title">
      <h1>{children}</h1>
      {sub && <p class="sub">{sub}</p>}
    </header>
  );
}
