// The phone's answer controls, loaded when the phone first holds a seat rather than with the join form: the solo
// quiz's inputs for what the host sent (src/quiz/asked.ts says what that may be).
import { controlsOf } from '../../quiz/asked.ts';
import { answerInput, type InputContext } from '../../quiz/phases/inputs.ts';
import type { Answer } from '../../quiz/types.ts';
import type { Ask } from '../protocol.ts';

export const controlsFor = (ask: Ask, submit: (answer: Answer) => void, ctx: InputContext) =>
  answerInput(controlsOf(ask), submit, ctx);
