// Dates typed as Vietnamese officials write them, dd/mm/yyyy, whatever the browser's locale: `<input type=date>`
// shows mm/dd/yyyy in a browser set to American English, so forms use these instead.
import { useEffect, useState } from 'preact/hooks';
import { formatDate, MONTHS_EN, parseDate } from '../../../presentation/index.js';
import { useLang } from '../i18n.js';

/** A text field for a day, dd/mm/yyyy; `onChange` gets yyyy-mm-dd, or '' while the text is not a date. */
export function DateInput(p: {
  value: string;
  onChange(value: string): void;
  name?: string;
  required?: boolean;
  /** The earliest day allowed, yyyy-mm-dd. */
  min?: string;
}) {
  const { tr } = useLang();
  const [text, setText] = useState(p.value ? formatDate(p.value) : '');
  // A value set from outside (a form emptied after sending) replaces what was typed.
  useEffect(() => {
    if ((parseDate(text) ?? '') !== p.value) setText(p.value ? formatDate(p.value) : '');
  }, [p.value]);
  return (
    <input
      type="text"
      inputMode="numeric"
      autoComplete="off"
      name={p.name}
      required={p.required}
      placeholder={tr('ngày/tháng/năm', 'dd/mm/yyyy')}
      title={tr('Ngày/tháng/năm, ví dụ 05/03/2027', 'Day/month/year, e.g. 05/03/2027')}
      value={text}
      onInput={(e) => {
        const input = e.currentTarget;
        const typed = input.value;
        const date = parseDate(typed);
        setText(typed);
        input.setCustomValidity(
          typed.trim() && !date
            ? tr(
                'Nhập ngày theo dạng ngày/tháng/năm, ví dụ 05/03/2027.',
                'Type the date as day/month/year, e.g. 05/03/2027.',
              )
            : date && p.min && date < p.min
              ? tr(
                  `Ngày phải từ ${formatDate(p.min)} trở đi.`,
                  `The date must be ${formatDate(p.min)} or later.`,
                )
              : '',
        );
        p.onChange(date ?? '');
      }}
    />
  );
}

/** A month of a year as two lists (Tháng 1…12, and the years around the plan's): yyyy-mm. */
export function MonthInput(p: { value: string; onChange(value: string): void; years: number[] }) {
  const { tr } = useLang();
  const [year, month] = [p.value.slice(0, 4), p.value.slice(5, 7)];
  const years = [...new Set([...p.years, Number(year)])].sort();
  return (
    <span class="month-input">
      <select
        aria-label={tr('Tháng', 'Month')}
        value={month}
        onChange={(e) => p.onChange(`${year}-${e.currentTarget.value}`)}
      >
        {Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0')).map((m) => (
          <option key={m} value={m}>
            {tr(`Tháng ${Number(m)}`, MONTHS_EN[Number(m) - 1]!)}
          </option>
        ))}
      </select>
      <select
        aria-label={tr('Năm', 'Year')}
        value={year}
        onChange={(e) => p.onChange(`${e.currentTarget.value}-${month}`)}
      >
        {years.map((y) => (
          <option key={y} value={String(y)}>
            {y}
          </option>
        ))}
      </select>
    </span>
  );
}
