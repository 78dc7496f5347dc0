import { useRoute } from 'preact-iso';
import { api } from '../api.js';
import { Async, PageTitle, useLoad } from '../components/ui.js';
import { fmtDateTime, useLang } from '../i18n.js';
import type { PlanSummary } from './plans.js';

interface PlanDetail {
  code: string;
  latestVersion: number | null;
  versions: {
    version: number;
    irHash: string;
    author: string;
    publishedAt: string | null;
    publishedBy: string | null;
  }[];
}

export function PlanPage() {
  const { params } = useRoute();
  const code = params.code!;
  const { tr, lang } = useLang();
  const plan = useLoad(
    async (signal) => {
      const [detail, list] = await Promise.all([
        api<PlanDetail>('GET', `/plans/${code}`, { signal }),
        api<PlanSummary[]>('GET', '/plans', { signal }),
      ]);
      return { ...detail, title: list.find((p) => p.code === code)?.title ?? code };
    },
    [code],
  );
  return (
    <Async loaded={plan}>
      {(p) => (
        <section>
          <PageTitle sub={<span class="mono">{p.code}</span>}>{p.title}</PageTitle>
          <p class="actions">
            <a class="button primary" href={`/plans/${p.code}/edit`}>
              {tr('Điều chỉnh kế hoạch', 'Amend the plan')}
            </a>
            <a class="button" href={`/inbox?plan=${p.code}`}>
              {tr('Nhiệm vụ đã giao', 'Assignments')}
            </a>
            <a class="button" href={`/dashboard?plan=${p.code}`}>
              {tr('Tổng quan', 'Dashboard')}
            </a>
          </p>
          <h2>{tr('Các phiên bản', 'Versions')}</h2>
          <div class="table-scroll">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{tr('Phiên bản', 'Version')}</th>
                  <th scope="col">{tr('Ban hành lúc', 'Published')}</th>
                  <th scope="col">{tr('Người ban hành', 'By')}</th>
                  <th scope="col">{tr('Mã nội dung', 'Content hash')}</th>
                </tr>
              </thead>
              <tbody>
                {[...p.versions].reverse().map((v) => (
                  <tr key={v.version}>
                    <td>{v.version}</td>
                    <td>{fmtDateTime(v.publishedAt, lang)}</td>
                    <td>{v.publishedBy ?? v.author}</td>
                    <td class="mono">{v.irHash.slice(0, 16)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </Async>
  );
}
