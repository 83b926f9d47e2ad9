/** The query flag a page's own poll carries (`?live=1`): the server answers it without counting it as the person's activity. */
export const LIVE_POLL_PARAM = "live";

export const isLivePoll = (request: Request) => new URL(request.url).searchParams.get(LIVE_POLL_PARAM) === "1";

export const livePollUrl = (pathname: string) => `${pathname}?${LIVE_POLL_PARAM}=1`;
