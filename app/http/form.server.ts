import { joinDateParts } from "../catalogue/date-parts";
import { refusal } from "./refusal.server";

/**
 * The form of a post, or a 400 in both languages when it cannot be read: a multipart body that is
 * broken or has no boundary, a body that was cut off. The only way a route reads a form (the HTTP
 * layer has already refused what is not a form, and what is too large).
 */
export async function readForm(request: Request): Promise<FormData> {
  // A post with nothing in it (a script's bare POST) is an empty form: the HTTP layer refuses a
  // body that has no form type, so without a type there is no body.
  if (!request.headers.get("content-type")) return new FormData();
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw refusal("badForm", 400);
  }
  return joinDateParts(form);
}
