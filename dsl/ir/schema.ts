// The plan IR: everything the workflows need to run a plan, as plain JSON. Versioned; validated with zod
// (which also runs inside the workflow sandbox, so workflows can check what they are given).
import { z } from 'zod';
import { serializedCalendarSchema } from '../calendar/serialized.js';

export const IR_VERSION = 1;

const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'expected an ISO instant in UTC');
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const code = z.string().min(1);

/** Where an item was written: file (relative to the plan's entry file), line and column (1-based). */
export const sourceRefSchema = z.object({
  file: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
});

export const durationSchema = z.object({
  amount: z.number().int().min(0),
  unit: z.enum(['day', 'workingDay']),
});

export const recipientSchema = z.object({
  kind: z.enum(['person', 'unit']),
  id: code,
  name: z.string(),
  email: z.string().optional(),
  role: z.string().optional(),
});

export const recurrenceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dailyWorking') }),
  z.object({
    kind: z.literal('weekly'),
    weekday: z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']),
  }),
  z.object({ kind: z.literal('monthly'), day: z.number().int().min(1).max(31) }),
  z.object({
    kind: z.literal('quarterly'),
    day: z.number().int().min(1).max(31),
    month: z.enum(['first', 'last']),
  }),
  z.object({
    kind: z.literal('yearly'),
    day: z.number().int().min(1).max(31),
    month: z.number().int().min(1).max(12),
  }),
  z.object({
    kind: z.literal('periodEnd'),
    periods: z.array(z.enum(['month', 'quarter', 'halfYear', 'year'])),
    day: z.number().int().min(1).max(31),
  }),
]);

export const unitSchema = z.object({
  code,
  name: z.string(),
  kind: z.string(),
  parent: code.optional(),
  email: z.string().optional(),
  head: z.object({ name: z.string(), email: z.string().optional(), person: code.optional() }).optional(),
  source: sourceRefSchema,
});

export const personSchema = z.object({
  id: code,
  name: z.string(),
  role: z.string().optional(),
  unit: code.optional(),
  email: z.string().optional(),
  source: sourceRefSchema,
});

export const policySchema = z.object({
  id: code,
  title: z.string().optional(),
  acknowledgeWithin: durationSchema.optional(),
  reminders: z.array(
    z.object({
      when: z.enum(['before', 'on', 'after']),
      offset: durationSchema.optional(),
      time: z.string().optional(),
    }),
  ),
  escalation: z.array(
    z.object({ level: z.number().int().min(1), after: durationSchema, recipients: z.array(z.string()) }),
  ),
  digest: z.object({ recurrence: recurrenceSchema, time: z.string() }).optional(),
  source: sourceRefSchema,
});

export const taskSchema = z.object({
  id: code,
  title: z.string(),
  area: z.string(),
  lead: z.array(code),
  coordinators: z.array(code),
  deadline: z.string(),
  output: z.string().optional(),
  criterion: z.string().optional(),
  dependsOn: z.array(code),
  policy: code.optional(),
  note: z.string().optional(),
  /** "theo thời gian quy định": another regulation (named when the plan names it) sets the time; the task is
   *  tracked through the year without a date of its own (its assignment is `ongoing`), and reports say so. */
  regulated: z.object({ regulation: z.string().optional() }).optional(),
  /** A service level counted from each receipt ("không quá 1 ngày làm việc kể từ khi nhận"; amount 0: "trong
   *  ngày", the same day) for work that arrives during the year; the assignment is `ongoing`. */
  serviceLevel: durationSchema.optional(),
  source: sourceRefSchema,
});

export const reminderStepSchema = z.object({
  at: instant,
  when: z.enum(['before', 'on', 'after']),
  /** Human label, e.g. "5 working days before". */
  label: z.string(),
});

export const escalationStepSchema = z.object({
  level: z.number().int().min(1),
  at: instant,
  recipients: z.array(recipientSchema),
});

export const assignmentSchema = z.object({
  /** Stable across versions of the plan: plan / task / unit [/ occurrence]. It is the workflow id's suffix. */
  id: code,
  taskId: code,
  unit: code,
  /** '' for a one-off task, else the period: 2027-03, 2027-Q1, 2027-H1, 2027, 2027-W05, 2027-03-14. */
  occurrence: z.string(),
  kind: z.enum(['deadline', 'ongoing']),
  policy: code.optional(),
  /** The day the assignment becomes active (publication, or the start of its period). */
  startsOn: localDate,
  startsAt: instant,
  /** The deadline's local date after moving off a day off (Civil Code art. 148). */
  dueDate: localDate,
  dueAt: instant,
  /** Set when the written deadline fell on a day off and moved. */
  movedFrom: localDate.optional(),
  acknowledgeBy: instant.optional(),
  reminders: z.array(reminderStepSchema),
  escalations: z.array(escalationStepSchema),
  /** Periodic check-ins of ongoing ("thường xuyên") tasks. */
  checkIns: z.array(instant),
  coordinators: z.array(code),
  source: sourceRefSchema,
});

export const digestSchema = z.object({
  recipient: recipientSchema,
  recurrence: recurrenceSchema,
  time: z.string(),
  /** Every instant the digest is due in the plan year (sent only when something is escalated to the recipient). */
  occurrences: z.array(instant),
});

export const reportSchema = z.object({
  id: code,
  title: z.string(),
  recipients: z.array(recipientSchema),
  preparedBy: code.optional(),
  occurrences: z.array(
    z.object({
      period: z.string(),
      windowFrom: localDate,
      windowTo: localDate,
      cutOffAt: instant,
      dueAt: instant,
    }),
  ),
  source: sourceRefSchema,
});

export const indicatorSchema = z.object({
  id: code,
  title: z.string(),
  measure: z.string().optional(),
  target: z
    .object({ op: z.enum(['>=', '<=', '>', '<', '=']), value: z.number(), percent: z.boolean() })
    .optional(),
  cadence: z.object({ recurrence: recurrenceSchema, time: z.string().optional() }).optional(),
  reportedBy: z.array(code),
  source: sourceRefSchema,
});

export const planIrSchema = z.object({
  irVersion: z.literal(IR_VERSION),
  /** sha256 of the canonical JSON of everything else. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  plan: z.object({
    code,
    title: z.string(),
    issuer: z.object({ code, name: z.string() }),
    decision: z.object({ number: z.string(), date: localDate }).optional(),
    year: z.number().int(),
    publishedOn: localDate,
    timeZone: z.literal('Asia/Ho_Chi_Minh'),
    deadlineDayIncluded: z.boolean(),
    /** Header `chờ đơn vị phối hợp: có` (`await coordinators: yes`): the lead may complete only after every
     *  coordinating unit has reported its contribution. Absent means it may (the default). */
    coordinatorsMustReport: z.boolean().optional(),
    source: sourceRefSchema,
  }),
  calendar: serializedCalendarSchema,
  units: z.array(unitSchema),
  people: z.array(personSchema),
  policies: z.array(policySchema),
  tasks: z.array(taskSchema),
  assignments: z.array(assignmentSchema),
  digests: z.array(digestSchema),
  reports: z.array(reportSchema),
  indicators: z.array(indicatorSchema),
});

export type PlanIR = z.infer<typeof planIrSchema>;
export type IrAssignment = z.infer<typeof assignmentSchema>;
export type IrRecipient = z.infer<typeof recipientSchema>;
export type IrPolicy = z.infer<typeof policySchema>;
export type IrRecurrence = z.infer<typeof recurrenceSchema>;
export type IrDuration = z.infer<typeof durationSchema>;
export type IrDigest = z.infer<typeof digestSchema>;
export type IrReport = z.infer<typeof reportSchema>;
export type SourceRef = z.infer<typeof sourceRefSchema>;
