/*
 * poll(2) for io.pollen.reactor.poll.PollNative. Java owns the struct pollfd array (in a direct
 * buffer) and keeps it dense; entry 0 is always the wake-up eventfd. Every wait hands the whole array
 * to the kernel and scans it afterwards: O(registered descriptors), which is the point of this backend.
 */
#include <stddef.h>
#include <poll.h>

#include "pollen_native.h"

/* Keep in sync with PollNative.java (the class whose natives are registered below). */
#define POLL_NATIVE_CLASS "io/pollen/reactor/poll/PollNative"

/* PollPoller writes entries itself: keep in sync with its POLLFD_* constants. */
_Static_assert(sizeof(struct pollfd) == 8, "PollPoller.POLLFD_BYTES");
_Static_assert(offsetof(struct pollfd, fd) == 0, "PollPoller.POLLFD_FD_OFFSET");
_Static_assert(offsetof(struct pollfd, events) == 4, "PollPoller.POLLFD_EVENTS_OFFSET");

static jint pollEvents0(JNIEnv *env, jclass clazz, jint interest) {
    POLLEN_UNUSED(env);
    POLLEN_UNUSED(clazz);
    jint events = 0;
    if (interest & POLLEN_INPUT_BITS) {
        events |= POLLIN;
    }
    if (interest & POLLEN_OUTPUT_BITS) {
        events |= POLLOUT;
    }
    return events;
}

/* Readiness as interest bits; Java masks them with the entry's interest. */
static jint poll_ready_bits(short revents) {
    if (revents & (POLLERR | POLLHUP | POLLNVAL)) {
        return POLLEN_ALL;
    }
    jint bits = 0;
    if (revents & (POLLIN | POLLPRI)) {
        bits |= POLLEN_INPUT_BITS;
    }
    if (revents & POLLOUT) {
        bits |= POLLEN_OUTPUT_BITS;
    }
    return bits;
}

/*
 * Waits on count entries at pollfdAddress (entry 0: the wake-up eventfd), then writes (index, ready
 * bits) pairs at readyAddress for the other ready entries and returns how many; 0 on EINTR.
 */
static jint poll0(JNIEnv *env, jclass clazz, jlong pollfdAddress, jint count, jint timeoutMillis,
                  jlong readyAddress) {
    POLLEN_UNUSED(env);
    POLLEN_UNUSED(clazz);
    struct pollfd *fds = (struct pollfd *) (intptr_t) pollfdAddress;
    jint *ready = (jint *) (intptr_t) readyAddress;
    int found = poll(fds, (nfds_t) count, timeoutMillis);
    if (found < 0) {
        return errno == EINTR ? 0 : -errno;
    }
    if (found == 0) {
        return 0;
    }
    if (fds[0].revents != 0) {
        pollen_eventfd_drain(fds[0].fd);
        found--;
    }
    jint reported = 0;
    for (jint i = 1; i < count && reported < found; i++) {
        if (fds[i].revents != 0) {
            pollen_ready_put(ready, reported++, i, poll_ready_bits(fds[i].revents));
        }
    }
    return reported;
}

/* Keep in sync with the native declarations of PollNative.java. */
static const JNINativeMethod poll_methods[] = {
    POLLEN_NATIVE(pollEvents0, "(I)I"),
    POLLEN_NATIVE(poll0, "(JIIJ)I"),
};

POLLEN_JNI_LIBRARY(POLL_NATIVE_CLASS, poll_methods)
