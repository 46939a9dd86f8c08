// An answer in words, for the lead's report and its downloads: the options picked, the order given, the number.
import type { Answer, Question } from '../quiz/types.ts';

export function answerText(q: Question, answer: Answer): string {
  switch (answer.type) {
    case 'quiz':
      return q.type === 'quiz' ? answer.options.map((i) => q.options[i] ?? `option ${i + 1}`).join(', ') : '';
    case 'true-false':
      return answer.value ? 'True' : 'False';
    case 'type-answer':
      return answer.text.trim();
    case 'puzzle':
      return q.type === 'puzzle' ? answer.order.map((i) => q.items[i] ?? '?').join(' → ') : '';
    case 'slider':
      return `${answer.value}${q.type === 'slider' && q.unit ? ` ${q.unit}` : ''}`;
  }
}
