-- What each notification was made from: the inbox says it again in its reader's language.
ALTER TABLE "notifications" ADD COLUMN "params" jsonb;