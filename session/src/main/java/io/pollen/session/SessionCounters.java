package io.pollen.session;

/**
 * A snapshot of one session's traffic, counted in whole frames and payload-plus-framing bytes.
 *
 * @param framesIn  frames received (keep-alives included)
 * @param framesOut frames queued for sending
 * @param bytesIn   bytes received
 * @param bytesOut  bytes queued for sending
 */
public record SessionCounters(long framesIn, long framesOut, long bytesIn, long bytesOut) {
}
