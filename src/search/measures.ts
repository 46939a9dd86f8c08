// The words people use for what a figure measures. A fact whose figure is in milliseconds answers a
// question about latency; one in terabytes, a question about capacity. Indexed with each fact record,
// so "dynamodb latency" reaches the fact whose figure reads "single-digit ms".
const BY_UNIT: [RegExp, string][] = [
  [/\bmilliseconds?\b|\bms\b|\bmicroseconds?\b/i, 'latency response time speed fast'],
  [/\b(seconds?|minutes?|hours?)\b/i, 'time duration how long'],
  [/\b(TB|GB|PB|MB)\b/, 'capacity size big large maximum storage data volume limit'],
  [/USD|dollars?|cost|price/i, 'cost price pricing money'],
  [/percent saved/i, 'cost saving savings'],
  [/times (faster|the throughput|the performance)/i, 'performance speed throughput faster'],
  [/replicas/i, 'replicas scale read limit'],
  [/copies|Availability Zones|data centres|storage nodes/i, 'durability availability replication copies'],
  [/connections/i, 'connections limit'],
  [/ACUs?/i, 'capacity scale serverless'],
  [/lines|characters/i, 'long length size'],
];

export function measureWords(unit: string): string {
  return BY_UNIT.filter(([pattern]) => pattern.test(unit))
    .map(([, words]) => words)
    .join(' ');
}
