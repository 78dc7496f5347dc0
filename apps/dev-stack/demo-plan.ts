// The demo plan of `npm start`: a small commune plan written at the moment of start, whose deadlines, reminders,
// escalations and digest fall in the coming minutes, so that a newcomer sees the engine at work at once.
//
// The language counts reminders and escalations in days, not minutes; what it does have is a time of day on a
// deadline ("ngày 02/12/2026 lúc 21:09"), a time of day on an "on the day" reminder ("đúng hạn lúc 21:07"), an
// escalation "0 working days" after the deadline (at the deadline itself, never before 08:00 of that day), and a
// digest time ("hằng tuần vào thứ tư lúc 21:11"). The generator writes those times from the clock. On a weekend
// or a public holiday it adds an ICS calendar that declares the day a working day (a "làm bù" day of the demo), so
// deadlines do not move to the next working day. Pure: the clock is passed in.
import { checkPlan, hasErrors, type Diagnostic } from '../../dsl/index.js';
import { compilePlan } from '../../dsl/compile/compile.js';
import type { PlanIR } from '../../dsl/ir/schema.js';
import { DEFAULT_NOTIFY_TIME } from '../../dsl/ir/schedule.js';
import { isWorkingDay } from '../../dsl/calendar/calendar.js';
import { overridesToIcs } from '../../dsl/calendar/ics.js';
import { addDays, parseLocalDate, weekday, type LocalDate } from '../../dsl/calendar/local-date.js';
import {
  epochMsToInstant,
  epochMsToLocalDateTime,
  localDateTimeToEpochMs,
} from '../../dsl/calendar/local-time.js';

/** Minutes after the demo's first whole minute (T) at which things happen. */
export interface DemoMinutes {
  /** The "on the day" reminder of the quick deadlines. */
  reminder: number;
  /** The quick deadlines: one task is done before it, one goes overdue and escalates, one is completed late. */
  due: number;
  /** The chairperson's digest (weekly, on today's weekday, at this time). */
  digest: number;
  /** A task acknowledged and in progress, due a little later. */
  later: number;
}

export const DEFAULT_DEMO_MINUTES: DemoMinutes = { reminder: 2, due: 4, digest: 6, later: 20 };

export interface DemoOptions {
  minutes?: Partial<DemoMinutes>;
  /** T is the first whole minute at least this many seconds after now (default 60). */
  marginSeconds?: number;
}

/** The tasks of the demo and what the demo's units do with them. */
export const DEMO_TASKS = {
  /** Acknowledged and completed at once: done on time. */
  onTime: { task: 'TD.01', unit: 'van_phong' },
  /** Nobody acts: reminded, overdue at the deadline, escalated to the unit head and the chairperson. */
  overdue: { task: 'TD.02', unit: 'mot_cua' },
  /** Acknowledged, 60 %, then completed a minute after its deadline: done late. */
  late: { task: 'TD.03', unit: 'phong_kinh_te' },
  /** Acknowledged, 30 %, due later. */
  inProgress: { task: 'TD.04', unit: 'phong_vh_xh' },
  /** Every office of the commune, due in a week under the ordinary policy; one acknowledges. */
  week: { task: 'TD.05', unit: 'phong_kinh_te' },
} as const;

export const DEMO_ISSUER = 'ubnd_hoa_phu';
export const DEMO_CHAIRPERSON = 'chu_tich';
export const DEMO_REPORT = 'bc_thang';
export const DEMO_ENTRY = 'ke-hoach.dondoc';
export const DEMO_CALENDAR_FILE = 'lich-trinh-dien.ics';

export interface DemoPlan {
  /** The files of the plan, by name (the entry, and the ICS calendar when today is a day off). */
  files: Record<string, string>;
  entry: string;
  planCode: string;
  /** The publication day: today in Vietnam, or yesterday before 08:00. */
  publishedOn: LocalDate;
  year: number;
  /** The instants of the story (epoch ms): T and each step. */
  at: { start: number } & Record<keyof DemoMinutes, number>;
  /** Dates declared working days by the demo's calendar (days off in the Vietnamese calendar). */
  workingDaysAdded: LocalDate[];
}

const MINUTE = 60_000;
/** When the engine starts a day's work and sends escalations (DEFAULT_NOTIFY_TIME of dsl/ir/schedule). */
const OFFICE_DAY_START = DEFAULT_NOTIFY_TIME;
const WEEKDAYS_VI = ['chủ nhật', 'thứ hai', 'thứ ba', 'thứ tư', 'thứ năm', 'thứ sáu', 'thứ bảy'] as const;

const dmy = (d: LocalDate) => {
  const { year, month, day } = parseLocalDate(d);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
};
/** Vietnam date and "hh:mm" of an instant. */
const local = (ms: number) => {
  const { date, time } = epochMsToLocalDateTime(ms);
  return { date, time: time.slice(0, 5) };
};
/** "ngày 02/12/2026 lúc 21:09" */
const deadlineAt = (ms: number) => `ngày ${dmy(local(ms).date)} lúc ${local(ms).time}`;

/**
 * The demo plan for a start at `now` (epoch ms). T is the first whole minute at least `marginSeconds` away; when the
 * story would run past midnight into a new year (a plan covers one year), T is 00:01 of the new year instead.
 */
export function demoPlan(now: number, options: DemoOptions = {}): DemoPlan {
  const minutes = { ...DEFAULT_DEMO_MINUTES, ...options.minutes };
  const margin = (options.marginSeconds ?? 60) * 1000;
  if (!(minutes.reminder < minutes.due && minutes.due < minutes.digest && minutes.digest < minutes.later))
    throw new RangeError('demo minutes must be in the order reminder < due < digest < later');
  // A plan published on a day starts at 08:00 of that day (the office day); before 08:00 the demo is dated the
  // day before, so that its assignments are active at once.
  const today = local(now);
  const publishedOn = today.time < OFFICE_DAY_START ? addDays(today.date, -1) : today.date;
  let start = Math.ceil((now + margin) / MINUTE) * MINUTE;
  const lastYear = Number(local(start + minutes.later * MINUTE).date.slice(0, 4));
  if (lastYear !== Number(today.date.slice(0, 4)))
    start = localDateTimeToEpochMs(`${lastYear}-01-01`, '00:01');
  const year = Number(local(start).date.slice(0, 4));
  const at = {
    start,
    reminder: start + minutes.reminder * MINUTE,
    due: start + minutes.due * MINUTE,
    digest: start + minutes.digest * MINUTE,
    later: start + minutes.later * MINUTE,
  };
  // Escalations go out at the deadline but never before 08:00 of its day; the digest follows them.
  const escalation = Math.max(at.due, localDateTimeToEpochMs(local(at.due).date, OFFICE_DAY_START));
  at.digest = Math.max(at.digest, escalation + (minutes.digest - minutes.due) * MINUTE);
  at.later = Math.max(at.later, at.digest + MINUTE);
  // The days the story happens on must be working days, or its deadlines would move to the next one.
  const storyDays = [...new Set([at.reminder, at.due, at.digest, at.later].map((t) => local(t).date))];
  const workingDaysAdded = storyDays.filter((d) => !isWorkingDay(d));
  // The ordinary task: a week after publication (end of that day), within the plan year.
  const weekDay = [addDays(local(start).date, 7), `${year}-12-31`].sort()[0]!;
  const stamp = `${publishedOn.replace(/-/g, '')}-${local(now).time.replace(':', '')}`;
  const planCode = `trinh-dien-${stamp}`;

  const digestDay = local(at.digest);
  const digest = `tổng hợp: hằng tuần vào ${WEEKDAYS_VI[weekday(digestDay.date)]} lúc ${digestDay.time}`;
  const text = `# Kế hoạch trình diễn của \`npm start\`, viết lúc ${local(now).time} ngày ${dmy(publishedOn)}.
# Các thời hạn, lời nhắc, leo thang và bản tin tổng hợp rơi vào vài phút tới; các đơn vị trình diễn
# tiếp nhận, cập nhật tiến độ, hoàn thành (một đơn vị hoàn thành muộn) qua API như người dùng thật.
# Ngôn ngữ tính lời nhắc và leo thang theo ngày: "lúc hh:mm" trên thời hạn và lời nhắc đúng hạn, leo thang
# "sau 0 ngày làm việc" (ngay khi quá hạn) là cách gần nhất để mọi việc xảy ra trong vài phút.

kế hoạch "Kế hoạch trình diễn cải cách hành chính năm ${year} của UBND xã Hòa Phú":
  mã: "${planCode}"
  cơ quan ban hành: ${DEMO_ISSUER}
  quyết định: "01/KH-UBND" ngày ${dmy(publishedOn)}
  ban hành: ${dmy(publishedOn)}
  năm: ${year}
${workingDaysAdded.length ? `  lịch: "${DEMO_CALENDAR_FILE}"\n` : ''}  tính cả ngày hạn: có
  chính sách: thong_thuong

đơn vị ${DEMO_ISSUER} "Ủy ban nhân dân xã Hòa Phú (trình diễn)":
  loại: xã
  thủ trưởng: ${DEMO_CHAIRPERSON}
  thư điện tử: "ubnd@hoaphu.example.vn"

đơn vị van_phong "Văn phòng HĐND và UBND xã":
  loại: phòng
  cấp trên: ${DEMO_ISSUER}
  thư điện tử: "vanphong@hoaphu.example.vn"

đơn vị mot_cua "Trung tâm Phục vụ hành chính công xã":
  loại: phòng
  cấp trên: ${DEMO_ISSUER}
  thư điện tử: "motcua@hoaphu.example.vn"

đơn vị phong_kinh_te "Phòng Kinh tế":
  loại: phòng
  cấp trên: ${DEMO_ISSUER}
  thư điện tử: "kinhte@hoaphu.example.vn"

đơn vị phong_vh_xh "Phòng Văn hóa - Xã hội":
  loại: phòng
  cấp trên: ${DEMO_ISSUER}
  thư điện tử: "vhxh@hoaphu.example.vn"

người ${DEMO_CHAIRPERSON} "Nguyễn Văn An, Chủ tịch UBND xã":
  chức vụ: chủ tịch
  đơn vị: ${DEMO_ISSUER}
  thư điện tử: "chutich@hoaphu.example.vn"

người pho_chu_tich "Trần Thị Bình, Phó Chủ tịch UBND xã":
  chức vụ: phó chủ tịch
  đơn vị: ${DEMO_ISSUER}
  thư điện tử: "phochutich@hoaphu.example.vn"

nhóm cac_phong "Các phòng chuyên môn của xã":
  gồm: trực thuộc ${DEMO_ISSUER}

# Tính bằng phút cho buổi trình diễn: nhắc lúc ${local(at.reminder).time}, quá hạn thì báo ngay lãnh đạo.
chính sách trinh_dien "Đôn đốc trình diễn (trong vài phút)":
  tiếp nhận trong: 1 ngày làm việc
  nhắc: đúng hạn lúc ${local(at.reminder).time}
  leo thang:
    bậc 1 sau 0 ngày làm việc: thủ trưởng đơn vị, phó chủ tịch, chủ tịch
    bậc 2 sau 1 ngày làm việc: chủ tịch
  ${digest}

chính sách thong_thuong "Đôn đốc thông thường":
  tiếp nhận trong: 1 ngày làm việc
  nhắc: trước 1 ngày làm việc lúc 08:00, đúng hạn lúc 08:00
  leo thang:
    bậc 1 sau 1 ngày làm việc: thủ trưởng đơn vị
    bậc 2 sau 3 ngày làm việc: chủ tịch
  ${digest}

lĩnh vực chỉ đạo điều hành "Công tác chỉ đạo, điều hành":
  nhiệm vụ ${DEMO_TASKS.onTime.task} "Báo cáo rà soát văn bản chỉ đạo về cải cách hành chính":
    chủ trì: ${DEMO_TASKS.onTime.unit}
    thời hạn: ${deadlineAt(at.due)}
    chính sách: trinh_dien
    sản phẩm: "Báo cáo rà soát"
    tiêu chí: "1.1"

lĩnh vực thủ tục hành chính "Cải cách thủ tục hành chính":
  nhiệm vụ ${DEMO_TASKS.overdue.task} "Niêm yết danh mục thủ tục hành chính tại Trung tâm Phục vụ hành chính công":
    chủ trì: ${DEMO_TASKS.overdue.unit}
    phối hợp: van_phong
    thời hạn: ${deadlineAt(at.due)}
    chính sách: trinh_dien
    sản phẩm: "Danh mục TTHC được niêm yết"
    tiêu chí: "3.1"

lĩnh vực chính phủ số "Chính quyền số":
  nhiệm vụ ${DEMO_TASKS.late.task} "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính":
    chủ trì: ${DEMO_TASKS.late.unit}
    thời hạn: ${deadlineAt(at.due)}
    chính sách: trinh_dien
    sản phẩm: "Tỷ lệ hồ sơ được số hóa"
    tiêu chí: "7.2"

lĩnh vực tuyên truyền "Thông tin, tuyên truyền":
  nhiệm vụ ${DEMO_TASKS.inProgress.task} "Chuyên mục cải cách hành chính trên trang thông tin điện tử của xã":
    chủ trì: ${DEMO_TASKS.inProgress.unit}
    thời hạn: ${deadlineAt(at.later)}
    chính sách: trinh_dien
    sản phẩm: "Chuyên mục được đăng tải"

lĩnh vực kiểm tra "Tự kiểm tra cải cách hành chính":
  nhiệm vụ ${DEMO_TASKS.week.task} "Các phòng chuyên môn tự kiểm tra công tác cải cách hành chính":
    chủ trì: cac_phong
    thời hạn: ngày ${dmy(weekDay)}
    sản phẩm: "Báo cáo tự kiểm tra"
    tiêu chí: "1.5"

báo cáo ${DEMO_REPORT} "Báo cáo tháng về tiến độ cải cách hành chính của xã":
  kỳ: tháng
  chốt số liệu: ngày 14
  hạn gửi: ngày 18 tháng cuối kỳ
  người nhận: ${DEMO_CHAIRPERSON}
  lập bởi: van_phong
`;
  const files: Record<string, string> = { [DEMO_ENTRY]: text };
  if (workingDaysAdded.length)
    files[DEMO_CALENDAR_FILE] = overridesToIcs(
      workingDaysAdded.map((date) => ({
        kind: 'workingDay' as const,
        date,
        name: {
          vi: 'Làm việc: buổi trình diễn Đôn Đốc',
          en: 'Working day: the Đôn Đốc demo',
        },
        source: 'npm start (kế hoạch trình diễn / demo plan)',
      })),
      epochMsToInstant(now),
    );
  return { files, entry: DEMO_ENTRY, planCode, publishedOn, year, at, workingDaysAdded };
}

export interface CompiledDemo {
  ir?: PlanIR;
  diagnostics: Diagnostic[];
}

/** Checks and compiles the demo plan in memory, published on its publication day. */
export function compileDemo(demo: DemoPlan): CompiledDemo {
  const sources = new Map(Object.entries(demo.files));
  const { model, diagnostics } = checkPlan(sources, demo.entry);
  if (hasErrors(diagnostics) || !model) return { diagnostics };
  return { ir: compilePlan(model, { publishedOn: demo.publishedOn }), diagnostics };
}
