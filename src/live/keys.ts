// Where live games keep what a reload needs, in localStorage: tiny, so the host page's setup reads it before the
// live code loads.
/** The host's game (src/live/game.ts, parsed with its schema). */
export const LIVE_HOST_STORE = 'dbweek-live-host';
/** A phone's seat: the PIN and the seat's token. */
export const LIVE_SEAT_STORE = 'dbweek-live-seat';
