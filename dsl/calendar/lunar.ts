// The Vietnamese lunisolar calendar (âm lịch), computed for UTC+7.
//
// Rules (shared with the Chinese calendar, which differs only by being computed for UTC+8):
//  1. a month starts on the local day that holds the astronomical new moon;
//  2. month 11 is the month that contains the December solstice (sun's apparent longitude 270°);
//  3. when 13 months start between two months 11, the first of them (after month 11) that contains
//     no major solar term (sun's longitude a multiple of 30°) is a leap month and repeats the number
//     of the month before it.
// Astronomy: new moons from Meeus, "Astronomical Algorithms" (2nd ed.), ch. 49 with all periodic and
// planetary terms (error well under a minute in this era); the sun's apparent longitude from ch. 25
// (about 0.01°, i.e. ~15 minutes of time near a solar term); ΔT from the Espenak–Meeus polynomials.
// Pure and sandbox-safe.

import {
  civilToDayNumber,
  fromDayNumber,
  type LocalDate,
  parseLocalDate,
  toDayNumber,
} from './local-date.js';

/** Vietnam's offset from UTC in hours. */
export const VIETNAM_UTC_OFFSET_HOURS = 7;

const DEG = Math.PI / 180;
const SYNODIC_MONTH = 29.530588861;
/** Julian Ephemeris Day of the new moon of 2000-01-06 (k = 0 in Meeus' numbering). */
const NEW_MOON_EPOCH_JDE = 2451550.09766;
/** Julian Day at 00:00 UT on 1970-01-01 (day number 0). */
const UNIX_EPOCH_JD = 2440587.5;

const sin = (degrees: number): number => Math.sin(degrees * DEG);

function normalizeDegrees(value: number): number {
  const r = value % 360;
  return r < 0 ? r + 360 : r;
}

/** ΔT = TT − UT in seconds (Espenak & Meeus, NASA eclipse site polynomials), for a decimal year. */
export function deltaTSeconds(year: number): number {
  if (year < 1900) {
    const u = (year - 1820) / 100;
    return -20 + 32 * u * u;
  }
  if (year < 1920) {
    const t = year - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (year < 1941) {
    const t = year - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (year < 1961) {
    const t = year - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (year < 1986) {
    const t = year - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (year < 2005) {
    const t = year - 2000;
    return (
      63.86 +
      0.3345 * t -
      0.060374 * t ** 2 +
      0.0017275 * t ** 3 +
      0.000651814 * t ** 4 +
      0.00002373599 * t ** 5
    );
  }
  if (year < 2050) {
    const t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  const u = (year - 1820) / 100;
  if (year < 2150) return -20 + 32 * u * u - 0.5628 * (2150 - year);
  return -20 + 32 * u * u;
}

function deltaTDays(jd: number): number {
  return deltaTSeconds(2000 + (jd - 2451545) / 365.25) / 86400;
}

// Periodic terms of the true new moon: [coefficient, power of E, multiples of M, M′, F, Ω].
const NEW_MOON_TERMS: ReadonlyArray<readonly [number, number, number, number, number, number]> = [
  [-0.4072, 0, 0, 1, 0, 0],
  [0.17241, 1, 1, 0, 0, 0],
  [0.01608, 0, 0, 2, 0, 0],
  [0.01039, 0, 0, 0, 2, 0],
  [0.00739, 1, -1, 1, 0, 0],
  [-0.00514, 1, 1, 1, 0, 0],
  [0.00208, 2, 2, 0, 0, 0],
  [-0.00111, 0, 0, 1, -2, 0],
  [-0.00057, 0, 0, 1, 2, 0],
  [0.00056, 1, 1, 2, 0, 0],
  [-0.00042, 0, 0, 3, 0, 0],
  [0.00042, 1, 1, 0, 2, 0],
  [0.00038, 1, 1, 0, -2, 0],
  [-0.00024, 1, -1, 2, 0, 0],
  [-0.00017, 0, 0, 0, 0, 1],
  [-0.00007, 0, 2, 1, 0, 0],
  [0.00004, 0, 0, 2, -2, 0],
  [0.00004, 0, 3, 0, 0, 0],
  [0.00003, 0, 1, 1, -2, 0],
  [0.00003, 0, 0, 2, 2, 0],
  [-0.00003, 0, 1, 1, 2, 0],
  [0.00003, 0, -1, 1, 2, 0],
  [-0.00002, 0, -1, 1, -2, 0],
  [-0.00002, 0, 1, 3, 0, 0],
  [0.00002, 0, 0, 4, 0, 0],
];

// Planetary arguments: [coefficient, constant, rate per lunation k, rate per T²].
const PLANETARY_TERMS: ReadonlyArray<readonly [number, number, number, number]> = [
  [0.000325, 299.77, 0.107408, -0.009173],
  [0.000165, 251.88, 0.016321, 0],
  [0.000164, 251.83, 26.651886, 0],
  [0.000126, 349.42, 36.412478, 0],
  [0.00011, 84.66, 18.206239, 0],
  [0.000062, 141.74, 53.303771, 0],
  [0.00006, 207.14, 2.453732, 0],
  [0.000056, 154.84, 7.30686, 0],
  [0.000047, 34.52, 27.261239, 0],
  [0.000042, 207.19, 0.121824, 0],
  [0.00004, 291.34, 1.844379, 0],
  [0.000037, 161.72, 24.198154, 0],
  [0.000035, 239.56, 25.513099, 0],
  [0.000023, 331.55, 3.592518, 0],
];

/** Julian Ephemeris Day (TT) of new moon number k, counted from the new moon of 2000-01-06. */
export function newMoonJde(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const t4 = t3 * t;
  const mean =
    NEW_MOON_EPOCH_JDE + SYNODIC_MONTH * k + 0.00015437 * t2 - 0.00000015 * t3 + 0.00000000073 * t4;
  const e = 1 - 0.002516 * t - 0.0000074 * t2;
  const sunAnomaly = 2.5534 + 29.1053567 * k - 0.0000014 * t2 - 0.00000011 * t3;
  const moonAnomaly = 201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4;
  const latitudeArgument = 160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4;
  const node = 124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3;
  let correction = 0;
  for (const [c, ePower, m, mp, f, o] of NEW_MOON_TERMS) {
    correction += c * e ** ePower * sin(m * sunAnomaly + mp * moonAnomaly + f * latitudeArgument + o * node);
  }
  for (const [c, a0, rate, rate2] of PLANETARY_TERMS) correction += c * sin(a0 + rate * k + rate2 * t2);
  return mean + correction;
}

/** Julian Day (UT) of new moon number k. */
export function newMoonJd(k: number): number {
  const jde = newMoonJde(k);
  return jde - deltaTDays(jde);
}

/** Apparent geocentric longitude of the sun in degrees [0, 360) at a Julian Ephemeris Day. */
export function sunApparentLongitude(jde: number): number {
  const t = (jde - 2451545) / 36525;
  const meanLongitude = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  const meanAnomaly = 357.52911 + 35999.05029 * t - 0.0001537 * t * t;
  const center =
    (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin(meanAnomaly) +
    (0.019993 - 0.000101 * t) * sin(2 * meanAnomaly) +
    0.000289 * sin(3 * meanAnomaly);
  const node = 125.04 - 1934.136 * t;
  return normalizeDegrees(meanLongitude + center - 0.00569 - 0.00478 * sin(node));
}

/** Local day number (days since 1970-01-01) on which new moon k falls at the given UTC offset. */
export function newMoonDayNumber(k: number, utcOffsetHours = VIETNAM_UTC_OFFSET_HOURS): number {
  return Math.floor(newMoonJd(k) + 0.5 + utcOffsetHours / 24) - Math.floor(UNIX_EPOCH_JD + 0.5);
}

/** Sun's apparent longitude at local midnight starting the given day number. */
function sunLongitudeAtDayStart(dayNumber: number, utcOffsetHours: number): number {
  const jd = UNIX_EPOCH_JD + dayNumber - utcOffsetHours / 24;
  return sunApparentLongitude(jd + deltaTDays(jd));
}

/** The new moon number k whose local day is the last one on or before the given day number. */
function lunationOnOrBefore(dayNumber: number, utcOffsetHours: number): number {
  let k = Math.floor((UNIX_EPOCH_JD + dayNumber - NEW_MOON_EPOCH_JDE) / SYNODIC_MONTH);
  while (newMoonDayNumber(k + 1, utcOffsetHours) <= dayNumber) k++;
  while (newMoonDayNumber(k, utcOffsetHours) > dayNumber) k--;
  return k;
}

/** Lunation number of month 11 (the month holding the December solstice) of a Gregorian year. */
function month11Lunation(year: number, utcOffsetHours: number): number {
  let k = lunationOnOrBefore(civilToDayNumber(year, 12, 31), utcOffsetHours);
  // Longitudes here lie between about 240° and 285°, so no wrap-around to worry about.
  while (sunLongitudeAtDayStart(newMoonDayNumber(k, utcOffsetHours), utcOffsetHours) >= 270) k--;
  return k;
}

export interface LunarMonth {
  /** 1–12 */
  readonly month: number;
  /** true for a leap month (tháng nhuận), which repeats the number of the month before it. */
  readonly leap: boolean;
  /** Day number of the first day (mùng 1). */
  readonly startDayNumber: number;
  /** 29 or 30. */
  readonly length: number;
}

function majorTermSector(dayNumber: number, utcOffsetHours: number): number {
  return Math.floor(sunLongitudeAtDayStart(dayNumber, utcOffsetHours) / 30);
}

const spanCache = new Map<string, readonly LunarMonth[]>();

/** The months from month 11 of Gregorian year − 1 up to, not including, month 11 of `year`. */
function monthsSinceMonth11(year: number, utcOffsetHours: number): readonly LunarMonth[] {
  const key = `${year}@${utcOffsetHours}`;
  const cached = spanCache.get(key);
  if (cached) return cached;
  const first = month11Lunation(year - 1, utcOffsetHours);
  const last = month11Lunation(year, utcOffsetHours);
  const starts: number[] = [];
  for (let k = first; k <= last + 1; k++) starts.push(newMoonDayNumber(k, utcOffsetHours));
  const count = last - first;
  let leapIndex = -1;
  if (count === 13) {
    for (let i = 1; i < count; i++) {
      if (majorTermSector(starts[i]!, utcOffsetHours) === majorTermSector(starts[i + 1]!, utcOffsetHours)) {
        leapIndex = i;
        break;
      }
    }
  }
  const months: LunarMonth[] = [];
  let month = 11;
  for (let i = 0; i < count; i++) {
    const leap = i === leapIndex;
    if (i > 0 && !leap) month = (month % 12) + 1;
    months.push({ month, leap, startDayNumber: starts[i]!, length: starts[i + 1]! - starts[i]! });
  }
  if (spanCache.size > 512) spanCache.clear();
  spanCache.set(key, months);
  return months;
}

/** The 12 or 13 months of lunar year `year` (the one whose first day, Tết, falls in Gregorian `year`). */
export function lunarYearMonths(year: number, utcOffsetHours = VIETNAM_UTC_OFFSET_HOURS): LunarMonth[] {
  const current = monthsSinceMonth11(year, utcOffsetHours);
  const next = monthsSinceMonth11(year + 1, utcOffsetHours);
  const tetIndex = current.findIndex((m) => m.month === 1 && !m.leap);
  const nextTetIndex = next.findIndex((m) => m.month === 1 && !m.leap);
  return [...current.slice(tetIndex), ...next.slice(0, nextTetIndex)];
}

/** Day number of Tết Nguyên đán (1st day of the 1st lunar month) in Gregorian `year`. */
export function lunarNewYearDayNumber(year: number, utcOffsetHours = VIETNAM_UTC_OFFSET_HOURS): number {
  const months = monthsSinceMonth11(year, utcOffsetHours);
  return months.find((m) => m.month === 1 && !m.leap)!.startDayNumber;
}

/** Tết Nguyên đán (mùng 1 tháng Giêng) in Gregorian `year`, Vietnamese calendar. */
export function lunarNewYear(year: number): LocalDate {
  return fromDayNumber(lunarNewYearDayNumber(year));
}

export interface LunarDate {
  /** The lunar year, named by the Gregorian year its Tết falls in. */
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly leap: boolean;
}

/** The Gregorian date of a lunar date; throws if that month (or leap month) or day does not exist. */
export function lunarToSolar(lunar: LunarDate, utcOffsetHours = VIETNAM_UTC_OFFSET_HOURS): LocalDate {
  const m = lunarYearMonths(lunar.year, utcOffsetHours).find(
    (candidate) => candidate.month === lunar.month && candidate.leap === lunar.leap,
  );
  if (!m)
    throw new RangeError(`Lunar year ${lunar.year} has no ${lunar.leap ? 'leap ' : ''}month ${lunar.month}`);
  if (!Number.isInteger(lunar.day) || lunar.day < 1 || lunar.day > m.length) {
    throw new RangeError(`Lunar month ${lunar.month}/${lunar.year} has ${m.length} days, not ${lunar.day}`);
  }
  return fromDayNumber(m.startDayNumber + lunar.day - 1);
}

/** The lunar date of a Gregorian date. */
export function solarToLunar(date: LocalDate, utcOffsetHours = VIETNAM_UTC_OFFSET_HOURS): LunarDate {
  const dayNumber = toDayNumber(date);
  const { year: gregorianYear } = parseLocalDate(date);
  const year =
    dayNumber >= lunarNewYearDayNumber(gregorianYear, utcOffsetHours) ? gregorianYear : gregorianYear - 1;
  for (const m of lunarYearMonths(year, utcOffsetHours)) {
    if (dayNumber >= m.startDayNumber && dayNumber < m.startDayNumber + m.length) {
      return { year, month: m.month, day: dayNumber - m.startDayNumber + 1, leap: m.leap };
    }
  }
  throw new RangeError(`No lunar date found for ${date}`);
}
