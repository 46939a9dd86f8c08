// The quiz's plain data: questions, answers, players, the game state, its actions and what is kept in storage.

/** Kahoot's points setting: 1000, 2000 or 0 points for a right answer. */
export type PointsSetting = 'standard' | 'double' | 'none';

/** Kahoot's timer values, in seconds. */
export type TimerSeconds = 5 | 10 | 20 | 30 | 60 | 90 | 120 | 240;

/** timed: Kahoot; untimed: no countdown; extended: double time; practice: no points. */
export type Mode = 'timed' | 'untimed' | 'extended' | 'practice';

interface QuestionCommon {
  id: string;
  /** The session whose notes the question comes from. */
  session: string;
  prompt: string;
  /** Why the answer is right, shown at the reveal. */
  explanation: string;
  /** Link to the exact section of the notes the question cites. */
  sourceHref: string;
  /** Where that link leads, in words: "Amazon Aurora › Storage and replication". */
  sourceLabel?: string;
  points: PointsSetting;
  /** A timer of its own, overriding the game's. */
  timer?: TimerSeconds;
}

export interface QuizQuestion extends QuestionCommon {
  type: 'quiz';
  options: string[];
  /** Indexes of the right options; more than one makes it multi-select. */
  correct: number[];
}

export interface TrueFalseQuestion extends QuestionCommon {
  type: 'true-false';
  answer: boolean;
}

export interface TypeAnswerQuestion extends QuestionCommon {
  type: 'type-answer';
  /** Accepted spellings. */
  accepted: string[];
}

export interface PuzzleQuestion extends QuestionCommon {
  type: 'puzzle';
  /** The items in their right order. */
  items: string[];
}

export interface SliderQuestion extends QuestionCommon {
  type: 'slider';
  min: number;
  max: number;
  step: number;
  answer: number;
  tolerance: number;
  unit: string;
}

export type Question = QuizQuestion | TrueFalseQuestion | TypeAnswerQuestion | PuzzleQuestion | SliderQuestion;

export type QuestionType = Question['type'];

/** What a player gives, per question type. */
export type Answer =
  /** Indexes of the options picked, as the round shows them. */
  | { type: 'quiz'; options: number[] }
  | { type: 'true-false'; value: boolean }
  | { type: 'type-answer'; text: string }
  /** Indexes of the question's items in the order the player put them. */
  | { type: 'puzzle'; order: number[] }
  | { type: 'slider'; value: number };

export interface Settings {
  /** Seconds per question unless the question has its own timer. Default: 20. */
  timer: TimerSeconds;
  mode: Mode;
}

export type Phase = 'lobby' | 'preview' | 'answering' | 'handover' | 'reveal' | 'leaderboard' | 'podium';

/** One player's outcome on one question. */
export interface Result {
  questionId: string;
  /** null when the time ran out. */
  answer: Answer | null;
  correct: boolean;
  /** Points for the answer itself (speed included). */
  points: number;
  /** Answer streak bonus, on top of the points. */
  bonus: number;
  /** Milliseconds from the answers appearing to the answer; null when the time ran out. */
  time: number | null;
}

export interface Player {
  nickname: string;
  score: number;
  streak: number;
  bestStreak: number;
  correctCount: number;
  /** One per question played, in the game's order. */
  results: Result[];
}

/** A question as dealt for this game: quiz options already shuffled. */
export interface Round {
  question: Question;
  /** Puzzle only: the items as first shown (indexes into question.items); empty for other types. */
  start: number[];
}

/** The earlier run a game is played against. */
export interface GhostRun {
  nickname: string;
  /** Points (bonus included) per round, aligned with the game's rounds. */
  points: number[];
}

export interface GameState {
  version: 1;
  phase: Phase;
  settings: Settings;
  players: Player[];
  /** What the questions were drawn from: 'all', a session id, a category id, 'review'... */
  pack: string;
  seed: number;
  startedAt: number | null;
  rounds: Round[];
  /** Index of the current round. */
  round: number;
  /** How many players have already taken their turn at this round. */
  turn: number;
  /** When the answers appeared for the current turn (ms); set only while answering. */
  openedAt: number | null;
  /** The page was reloaded during this turn: the answer scores no speed part. */
  resumed: boolean;
  ghost: GhostRun | null;
}

export type Action =
  | { type: 'join'; nickname: string; settings?: Partial<Settings> }
  | {
      type: 'start';
      /** The pack's questions; the deal shuffles them and keeps `count` (default: all). */
      questions: Question[];
      seed: number;
      at: number;
      pack?: string;
      count?: number;
      /** Replay this earlier run's questions in its order instead of dealing. */
      ghost?: Ghost;
      /** Keep the questions in the order given (review mode deals the due ones, box 1 first). */
      ordered?: boolean;
    }
  | { type: 'answering-open'; at: number }
  | { type: 'answer'; answer: Answer; at: number }
  | { type: 'time-up'; at: number }
  | { type: 'next' }
  | { type: 'quit' };

/** A place in the leaderboard or on the podium; the ghost has no player. */
export interface Standing {
  rank: number;
  nickname: string;
  score: number;
  player: Player | null;
}

/** A finished run, kept to be played against. */
export interface Ghost {
  version: 1;
  pack: string;
  nickname: string;
  questionIds: string[];
  /** Points (bonus included) per question, in order. */
  points: number[];
  at: number;
}

export interface BestScore {
  score: number;
  correct: number;
  questions: number;
  at: number;
}

export interface BestScores {
  version: 1;
  /** By pack. */
  packs: Record<string, BestScore>;
}

export type Box = 1 | 2 | 3 | 4 | 5;

export interface LeitnerCard {
  box: Box;
  /** When the question is next due (ms). */
  due: number;
}

export interface LeitnerBoxes {
  version: 1;
  /** By question id. */
  cards: Record<string, LeitnerCard>;
}
