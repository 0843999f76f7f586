/// Times as the person reads them: in the browser's time zone and language.
export const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dayOfMonth = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const number = new Intl.NumberFormat();

export function formatTime(value: string | Date | null | undefined, seconds = false): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  return (seconds ? dateTimeSeconds : dateTime).format(date);
}

export function formatDate(value: string | Date): string {
  return dateOnly.format(typeof value === 'string' ? new Date(value) : value);
}

/// A day without its year, for a chart's axis.
export function formatDay(value: Date): string {
  return dayOfMonth.format(value);
}

export function formatNumber(value: number | null | undefined): string {
  return number.format(value ?? 0);
}

export function ago(value: string | Date, now = new Date()): string {
  const seconds = ((typeof value === 'string' ? new Date(value) : value).getTime() - now.getTime()) / 1000;
  const units: [Intl.RelativeTimeFormatUnit, number][] = [['year', 31_536_000], ['month', 2_592_000], ['week', 604_800], ['day', 86_400], ['hour', 3_600], ['minute', 60]];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  return relative.format(Math.round(seconds), 'second');
}

/// Local midnight of the day `date` falls on, `days` days later.
export function startOfDay(date: Date, days = 0): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/// Local midnight of the Monday of the week `date` falls on (weeks start on Monday, as the
/// server's WEEK buckets do).
export function startOfWeek(date: Date): Date {
  const day = (date.getDay() + 6) % 7;
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() - day);
}

/// The value for an <input type="datetime-local"> showing `date` in the browser's zone.
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function fromLocalInput(value: string): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/// OpenMetadata's versions step by 0.1: 1 is shown as 1.0.
export function formatVersion(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return text.includes('.') ? text : `${text}.0`;
}

/// A JSON value in a line, as a person reads it: strings as they are; lists of tags, owners
/// or other references by their names; the rest as JSON.
export function formatValue(value: unknown, max = 120): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : (namesOf(value) ?? JSON.stringify(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function namesOf(value: unknown): string | null {
  const items = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : null;
  if (!items) return null;
  if (items.length === 0) return '(none)';
  const names = items.map((item) => {
    if (!item || typeof item !== 'object') return null;
    const reference = item as { tagFQN?: unknown; fullyQualifiedName?: unknown; name?: unknown };
    const name = reference.tagFQN ?? reference.fullyQualifiedName ?? reference.name;
    return typeof name === 'string' ? name : null;
  });
  return names.every((n) => n !== null) ? names.join(', ') : null;
}
