// The quiz's types. The shapes that cross a boundary (content, storage, links) come from the schemas in
// schema.ts; what stays inside the page (the reducer's actions, a place in the standings) is declared here.
import type { Answer, Ghost, Player, Question, Settings } from './schema.ts';

export type {
  Answer,
  BestScore,
  BestScores,
  Box,
  GameState,
  Ghost,
  GhostRun,
  LeitnerBoxes,
  LeitnerCard,
  Mode,
  Phase,
  Player,
  PointsSetting,
  Question,
  QuestionType,
  Result,
  Round,
  Settings,
  SharedResult,
  TimerSeconds,
} from './schema.ts';

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
