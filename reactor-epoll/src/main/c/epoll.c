/*
 * epoll(7) for io.pollen.reactor.epoll.EpollNative: level-triggered, with an eventfd for wake-ups.
 *
 * Each registration's epoll_data carries the caller's token (low 32 bits) and its interest (bits
 * 32-35), so a wait turns kernel events into (token, ready ops) pairs without asking Java anything.
 * The wake-up eventfd carries POLLEN_WAKEUP_MARK instead, is drained here and never reported.
 */
#include <stddef.h>
#include <sys/epoll.h>

#include "pollen_native.h"

/* Keep in sync with EpollNative.java (the class whose natives are registered below). */
#define EPOLL_NATIVE_CLASS "io/pollen/reactor/epoll/EpollNative"

#define POLLEN_WAKEUP_MARK (((uint64_t) 1) << 62)

static uint32_t epoll_events_for(jint interest) {
    uint32_t events = 0;
    if (interest & POLLEN_INPUT_BITS) {
        /* EPOLLRDHUP: a peer's shutdown is reported as readable, so the engine reads the EOF. */
        events |= EPOLLIN | EPOLLRDHUP;
    }
    if (interest & POLLEN_OUTPUT_BITS) {
        events |= EPOLLOUT;
    }
    return events;
}

static jint epoll_ready_ops(uint32_t events, jint interest) {
    if (events & (EPOLLERR | EPOLLHUP)) {
        /* Every interested bit, so that whichever I/O call the engine makes next surfaces the error. */
        return interest;
    }
    jint ops = 0;
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLPRI)) {
        ops |= interest & POLLEN_INPUT_BITS;
    }
    if (events & EPOLLOUT) {
        ops |= interest & POLLEN_OUTPUT_BITS;
    }
    return ops;
}

static jint epoll_control(int epfd, int op, int fd, jint token, jint interest) {
    struct epoll_event event = {0};
    event.events = epoll_events_for(interest);
    event.data.u64 = (uint32_t) token | ((uint64_t) (uint32_t) (interest & POLLEN_ALL) << 32);
    return epoll_ctl(epfd, op, fd, &event) < 0 ? -errno : 0;
}

static jint epollCreate0(JNIEnv *env, jclass clazz) {
    POLLEN_UNUSED(env);
    POLLEN_UNUSED(clazz);
    int fd = epoll_create1(EPOLL_CLOEXEC);
    return fd < 0 ? -errno : fd;
}

static jint epollEventSize0(JNIEnv *env, jclass clazz) {
    POLLEN_UNUSED(env);
    POLLEN_UNUSED(clazz);
    return (jint) sizeof(struct epoll_event);
}

static jint epollAddWakeup0(JNIEnv *env, jclass clazz, jint epfd, jint wakeFd) {
    POLLEN_UNUSED(env);
    POLLEN_UNUSED(clazz);
    struct epoll_event event = {0};
    event.events = EPOLLIN;
    event.data.u64 = POLLEN_WAKEUP_MARK;
    return epoll_ctl(epfd, EPOLL_CTL_ADD, wakeFd, &event) < 0 ? -errno : 0;
}

static jint epollAdd0(JNIEnv *env, jclass clazz, jint epfd, jint fd, jint token, jint interest) {
    POLLEN_UNUSED(env);
    POLLEN_UNUSED(clazz);
    return epoll_control(epfd, EPOLL_CTL_ADD, fd, token, interest);
}

static jint epollModify0(JNIEnv *env, jclass clazz, jint epfd, jint fd, jint token, jint interest) {
    POLLEN_UNUSED(env);
    POLLEN_UNUSED(clazz);
    return epoll_control(epfd, EPOLL_CTL_MOD, fd, token, interest);
}

static jint epollDelete0(JNIEnv *env, jclass clazz, jint epfd, jint fd) {
    POLLEN_UNUSED(env);
    POLLEN_UNUSED(clazz);
    /* Linux before 2.6.9 wanted a non-NULL event even for EPOLL_CTL_DEL; harmless to pass one. */
    struct epoll_event unused = {0};
    if (epoll_ctl(epfd, EPOLL_CTL_DEL, fd, &unused) < 0) {
        /* A descriptor closed before its deregistration has already left the epoll set. */
        return errno == ENOENT || errno == EBADF ? 0 : -errno;
    }
    return 0;
}

/*
 * Waits, then writes (token, ready ops) pairs at readyAddress and returns how many; 0 on EINTR.
 * eventsAddress holds maxEvents struct epoll_event; readyAddress holds maxEvents pairs.
 */
static jint epollWait0(JNIEnv *env, jclass clazz, jint epfd, jlong eventsAddress, jint maxEvents,
                       jint timeoutMillis, jint wakeFd, jlong readyAddress) {
    POLLEN_UNUSED(env);
    POLLEN_UNUSED(clazz);
    struct epoll_event *events = (struct epoll_event *) (intptr_t) eventsAddress;
    jint *ready = (jint *) (intptr_t) readyAddress;
    int count = epoll_wait(epfd, events, maxEvents, timeoutMillis);
    if (count < 0) {
        return errno == EINTR ? 0 : -errno;
    }
    jint reported = 0;
    for (int i = 0; i < count; i++) {
        uint64_t data = events[i].data.u64;
        if (data == POLLEN_WAKEUP_MARK) {
            pollen_eventfd_drain(wakeFd);
            continue;
        }
        jint ops = epoll_ready_ops(events[i].events, (jint) (data >> 32));
        if (ops != 0) {
            pollen_ready_put(ready, reported++, (jint) (uint32_t) data, ops);
        }
    }
    return reported;
}

/* Keep in sync with the native declarations of EpollNative.java. */
static const JNINativeMethod epoll_methods[] = {
    POLLEN_NATIVE(epollCreate0, "()I"),
    POLLEN_NATIVE(epollEventSize0, "()I"),
    POLLEN_NATIVE(epollAddWakeup0, "(II)I"),
    POLLEN_NATIVE(epollAdd0, "(IIII)I"),
    POLLEN_NATIVE(epollModify0, "(IIII)I"),
    POLLEN_NATIVE(epollDelete0, "(II)I"),
    POLLEN_NATIVE(epollWait0, "(IJIIIJ)I"),
};

POLLEN_JNI_LIBRARY(EPOLL_NATIVE_CLASS, epoll_methods)
