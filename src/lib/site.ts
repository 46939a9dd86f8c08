// Names and labels used across pages, so each appears once.
export const SITE_NAME = 'Database Week';
export const EVENT = 'Database Week at the AWS Loft';

export const formatLabel = {
  talk: 'Talk',
  workshop: 'Workshop',
  'lunch-workshop': 'Lunch & workshop',
} as const;

export const notesLabel = {
  full: 'Full notes',
  partial: 'Partial notes',
  none: 'No notes taken',
  missed: 'Missed',
} as const;

export const voiceLabel = {
  speaker: 'Speaker',
  'note-taker': 'Note-taker',
  audience: 'From the audience',
  uncertain: 'Hedged in the notes',
} as const;

export const voiceHint = {
  speaker: 'what the presenter said',
  'note-taker': "the author's own opinion, doubt, guess, aside or question",
  audience: 'someone else in the room: a question, a suggestion or an answer',
  uncertain: 'a point the notes themselves are unsure of',
} as const;

export type Voice = keyof typeof voiceLabel;
