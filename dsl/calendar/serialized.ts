// Validation of a serialised calendar read back from a stored plan IR (zod runs in the workflow
// sandbox too, so the IR schema can embed this one).

import { z } from 'zod';
import { isLocalDate } from './local-date.js';
import { type SerializedCalendar } from './workdays.js';

const localDate = z.string().refine(isLocalDate, { message: 'expected a date YYYY-MM-DD' });
const sortedDates = z
  .array(localDate)
  .refine((dates) => dates.every((d, i) => i === 0 || dates[i - 1]! < d), {
    message: 'dates must be sorted and unique',
  });

export const serializedCalendarSchema = z
  .object({
    version: z.literal(1),
    timeZone: z.literal('Asia/Ho_Chi_Minh'),
    utcOffset: z.literal('+07:00'),
    from: localDate,
    to: localDate,
    nonWorking: sortedDates,
    workingSaturdays: sortedDates.optional(),
  })
  .refine((c) => c.from <= c.to, {
    message: '`to` is before `from`',
    path: ['to'],
  }) satisfies z.ZodType<SerializedCalendar>;
