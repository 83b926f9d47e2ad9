import type { z } from "zod";
import type { Text } from "../catalogue/types";
import type { AnswerSection } from "./answer-facts";

/** One operation an agency offers over the exchange: its name, the shapes of question and answer, and how a clerk reads the answer. */
export interface OperationContract<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  agency: string;
  /** `<agency>.<operation>`, e.g. `paci.person`. */
  name: string;
  title: Text;
  request: Req;
  response: Res;
  /** The answer as labelled facts for a clerk's page, in both languages. */
  present: (answer: z.infer<Res>) => AnswerSection[];
}

export function defineOperation<Req extends z.ZodType, Res extends z.ZodType>(contract: OperationContract<Req, Res>) {
  if (!contract.name.startsWith(`${contract.agency}.`)) throw new Error(`Operation ${contract.name} must be named <agency>.<operation>`);
  return contract;
}
