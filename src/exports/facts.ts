// Every fact of the notes as data, for teams' own tools: one record per fact, the same fields in JSON and
// CSV. Voices travel with their meaning, so a spreadsheet reader can still tell a speaker from a hedge.
import { stringify } from 'csv-stringify/sync';
import { voiceHint, voiceLabel, type Voice } from '../lib/site';

export interface FactRecord {
  id: string;
  statement: string;
  voice: Voice;
  session: string;
  sessionTitle: string;
  /** Absolute URL of the section of the session page where the fact stands. */
  sectionUrl: string;
  /** Service ids; names are in `serviceNames`, in the same order. */
  services: string[];
  serviceNames: string[];
  figure: { value: number; unit: string; display: string; measures: string } | null;
}

export function factsJson(records: FactRecord[], site: string): string {
  const voices = Object.fromEntries(
    (Object.keys(voiceLabel) as Voice[]).map((v) => [v, { label: voiceLabel[v], meaning: voiceHint[v] }]),
  );
  return `${JSON.stringify({ source: site, voices, count: records.length, facts: records }, null, 2)}\n`;
}

export const FACT_COLUMNS = [
  'id',
  'statement',
  'voice',
  'session',
  'session_title',
  'section_url',
  'services',
  'figure_value',
  'figure_unit',
  'figure_measures',
] as const;

/** RFC 4180 CSV with a byte-order mark, so spreadsheets read "×" and "—" as UTF-8. Several services are joined by "; ". */
export function factsCsv(records: FactRecord[]): string {
  const rows = records.map((r) => [
    r.id,
    r.statement,
    r.voice,
    r.session,
    r.sessionTitle,
    r.sectionUrl,
    r.serviceNames.join('; '),
    r.figure?.value ?? '',
    r.figure?.unit ?? '',
    r.figure?.measures ?? '',
  ]);
  return stringify(rows, { header: true, columns: [...FACT_COLUMNS], bom: true, record_delimiter: 'windows' });
}
