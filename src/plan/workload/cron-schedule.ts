// Nomad parses `periodic.cron(s)` with hashicorp/cronexpr; a CronJob's `schedule` must be a
// five-field cron of robfig/cron's standard parser. cronexpr reads 5 fields as minute hour
// day-of-month month day-of-week, 6 fields as those plus a YEAR at the end, and 7 fields as
// SECONDS first, the five, then the year. It also knows @yearly/@annually/@monthly/@weekly/
// @daily/@hourly, which Kubernetes knows too.

export type ScheduleConversion =
  | { schedule: string; /** What was dropped, as Nomad read it. */ dropped?: string; /** Timing Kubernetes cannot keep. */ lost?: string }
  | { error: string };

const MACROS = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@hourly"]);

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

// What robfig/cron accepts in each of the five fields: bounds, and names where it has them.
const FIELDS: { name: string; min: number; max: number; names?: string[] }[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS },
  { name: "day of week", min: 0, max: 6, names: DAYS },
];

/** A Nomad cron as a Kubernetes schedule, exactly; or why that cannot be done. */
export function kubernetesSchedule(cron: string): ScheduleConversion {
  const line = cron.trim();
  if (line.startsWith("@")) return MACROS.has(line.toLowerCase()) ? { schedule: line.toLowerCase() } : { error: `"${line}" is not a cron macro Nomad knows` };
  // cronexpr ignores fields beyond the seventh.
  const fields = line.split(/\s+/).filter(Boolean).slice(0, 7);
  if (fields.length < 5) return { error: `"${line}" has ${fields.length} fields; Nomad needs at least 5` };
  const out: ScheduleConversion = { schedule: "" };
  let five = fields;
  // Seconds first: a sub-minute interval is the reason, whatever the year says.
  const seconds = fields.length === 7 ? fields[0] : undefined;
  if (seconds !== undefined && !(/^\d+$/.test(seconds) && Number(seconds) <= 59)) {
    return { error: `the seconds field "${seconds}" of "${line}" runs the job more than once a minute or at several seconds; Kubernetes schedules by the minute` };
  }
  if (fields.length >= 6) {
    const year = fields[fields.length - 1];
    // `?` (no specific value) reads as every year, as `*` does.
    if (year !== "*" && year !== "?") return { error: `the year field "${year}" of "${line}" has no Kubernetes equivalent (a CronJob runs every year)` };
    out.dropped = `Nomad reads six fields as minute, hour, day of month, month, day of week and year (not seconds first); the year "${year}" (every year) is dropped`;
    five = fields.slice(0, -1);
  }
  if (seconds !== undefined) {
    five = five.slice(1);
    out.dropped = `Nomad reads seven fields as second, minute, hour, day of month, month, day of week and year; the second "${seconds}" and the year "${fields[6]}" are dropped`;
    if (Number(seconds) !== 0) out.lost = `Nomad ran it at second ${Number(seconds)} of the minute; Kubernetes runs it at second 0`;
  }
  for (let i = 0; i < 5; i++) {
    const problem = fieldProblem(five[i], FIELDS[i]);
    if (problem) return { error: `the ${FIELDS[i].name} field "${five[i]}" of "${line}" ${problem}` };
  }
  out.schedule = five.join(" ");
  return out;
}

/** Why robfig/cron's standard parser would reject one field, if it would. */
function fieldProblem(field: string, spec: (typeof FIELDS)[number]): string | undefined {
  for (const item of field.split(",")) {
    const [range, step, extra] = item.split("/");
    if (extra !== undefined || (step !== undefined && !/^\d+$/.test(step))) return `has a step Kubernetes cannot read`;
    if (step !== undefined && Number(step) === 0) return "has a zero step";
    if (range === "*" || range === "?") continue;
    const ends = range.split("-");
    if (ends.length > 2) return "has a range Kubernetes cannot read";
    const values = ends.map((e) => valueOf(e, spec));
    if (values.some((v) => v === undefined)) return /[LW#]/i.test(range) ? "uses L, W or #, which Kubernetes cron does not support" : `is outside ${spec.min}-${spec.max}`;
    if (values.length === 2 && values[0]! > values[1]!) return "has a range that runs backwards";
  }
  return undefined;
}

function valueOf(text: string, spec: (typeof FIELDS)[number]): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= spec.min && n <= spec.max ? n : undefined;
  }
  const i = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  return i >= 0 ? i + spec.min : undefined;
}
