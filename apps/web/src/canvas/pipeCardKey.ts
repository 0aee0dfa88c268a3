/**
 * The node card's short form of an engine pipe reason ("pipe.droppingHwm" → "pipe.card.droppingHwm"):
 * the card has one line, which cut the whole sentence before it named the peer or what was full
 * ("dropping: the pipe to inproc sub i…"). The whole sentence is the line's title (NodePipe.tsx);
 * the locale test asks every reason's short form of both locale files through this too.
 */
export const pipeCardKey = (key: string): string => key.replace(/^pipe\./, "pipe.card.");
