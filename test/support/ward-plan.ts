// The ward plan the API and browser tests publish (test/fixtures/engine/ke-hoach-phuong.dondoc), under an issuer of
// the test's own (the dev server outlives test runs), and the chairperson's digest those tests store.
import { readFileSync } from 'node:fs';
import type { DigestContent } from '../../workflows/contracts.js';
import { buildDigest } from '../../workflows/digest-content.js';

export const WARD_FIXTURE = 'test/fixtures/engine/ke-hoach-phuong.dondoc';

/** An indicator reported by the one-stop desk, for the scenarios that enter values. */
const INDICATOR = [
  'chỉ tiêu ho_so_dung_han "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn":',
  '  đơn vị tính: "%"',
  '  mục tiêu: ≥ 95%',
  '  chu kỳ: hằng tháng ngày 5',
  '  báo cáo bởi: mot_cua',
  '',
  'báo cáo bc_quy',
].join('\n');

/**
 * The ward plan's text for `issuer`. `decidedToday`: decided on the latest day whose tasks have already started
 * (or on the fixture's date when that is earlier), so that its tasks are assigned now. `indicator`: with the one-stop
 * desk's indicator.
 */
export function wardPlanSource(
  issuer: string,
  o: { decidedToday?: boolean; indicator?: boolean } = {},
): string {
  let source = readFileSync(WARD_FIXTURE, 'utf8').replaceAll('ubnd_phuong', issuer);
  if (o.decidedToday) {
    // Tasks start at 08:00 Vietnam time on the decision day: between midnight and then, "today" would leave the
    // inbox empty, so the decision is dated the last day whose start (with an hour's margin) has passed.
    const today = new Date(Date.now() + (7 - 9) * 3_600_000).toISOString().slice(0, 10);
    const decided = today < '2027-01-11' ? today.split('-').reverse().join('/') : '11/01/2027';
    source = source.replace('ngày 11/01/2027', `ngày ${decided}`);
  }
  return o.indicator ? source.replace('báo cáo bc_quy', INDICATOR) : source;
}

/** The plan code the ward plan gets under `issuer`. */
export const wardPlanCode = (issuer: string) => `cchc-2027-${issuer.replace(/_/g, '-')}`;

/** The chairperson's digest with the office's CĐ.01 nine days overdue at level 2, built by the engine's builder. */
export function overdueWardDigest(planCode: string, now: number): DigestContent {
  const at = new Date(now).toISOString();
  return buildDigest(
    planCode,
    { kind: 'person', id: 'chu_tich', name: 'Chủ tịch UBND phường' },
    at,
    [
      {
        assignmentId: `${planCode}/CĐ.01/van_phong`,
        planCode,
        unit: { code: 'van_phong', name: 'Văn phòng HĐND và UBND phường' },
        task: { id: 'CĐ.01', title: 'Ban hành Kế hoạch CCHC năm 2027 của phường' },
        occurrence: '',
        dueAt: new Date(now - 9 * 86_400_000 - 60_000).toISOString(),
        level: 2,
        escalatedAt: at,
      },
    ],
    [],
  );
}
