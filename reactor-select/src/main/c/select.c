/*
 * select(2) for io.pollen.reactor.select.SelectNative. The fd_sets live in a direct buffer owned by
 * Java: two master sets (read, write) changed on registration, and two working copies handed to the
 * kernel on each wait (the buffer starts zeroed, which is FD_ZERO). No descriptor at or above FD_SETSIZE is ever put in a
 * set: FD_SET on such a descriptor writes past the end of the fd_set, so this file refuses it even if
 * Java did not.
 */
#include <stddef.h>
#include <string.h>
#include <sys/select.h>

#include "pollen_native.h"

/* Keep in sync with SelectNative.java (the class whose natives are registered below). */
#define SELECT_NATIVE_CLASS "io/pollen/reactor/select/SelectNative"

enum { MASTER_READ, MASTER_WRITE, WORK_READ, WORK_WRITE, SET_COUNT };

static jint fdSetSize0(JNIEnv *env, jclass clazz) {
    POLLEN_UNUSED(env);
    POLLEN_UNUSED(clazz);
    return FD_SETSIZE;
}

static jint fdSetsBytes0(JNIEnv *env, jclass clazz) {
    POLLEN_UNUSED(env);
    POLLEN_UNUSED(clazz);
    return (jint) (SET_COUNT * sizeof(fd_set));
}

/* Puts fd in, or takes it out of, the master sets as interest says; -EINVAL beyond FD_SETSIZE. */
static jint fdSetUpdate0(JNIEnv *env, jclass clazz, jlong setsAddress, jint fd, jint interest) {
    POLLEN_UNUSED(env);
    POLLEN_UNUSED(clazz);
    if (fd < 0 || fd >= FD_SETSIZE) {
        return -EINVAL;
    }
    fd_set *sets = (fd_set *) (intptr_t) setsAddress;
    if (interest & POLLEN_INPUT_BITS) {
        FD_SET(fd, &sets[MASTER_READ]);
    } else {
        FD_CLR(fd, &sets[MASTER_READ]);
    }
    if (interest & POLLEN_OUTPUT_BITS) {
        FD_SET(fd, &sets[MASTER_WRITE]);
    } else {
        FD_CLR(fd, &sets[MASTER_WRITE]);
    }
    return 0;
}

/*
 * Waits on descriptors below maxFd + 1, then writes (fd, ready bits) pairs at readyAddress for
 * every ready descriptor but wakeFd (drained here) and returns how many; 0 on EINTR. The ready bits
 * are interest bits that Java masks with the registration's interest.
 */
static jint select0(JNIEnv *env, jclass clazz, jlong setsAddress, jint maxFd, jint timeoutMillis, jint wakeFd,
                    jlong readyAddress) {
    POLLEN_UNUSED(env);
    POLLEN_UNUSED(clazz);
    /* maxFd -1 (nothing to watch) is allowed: the availability probe waits on no descriptor. */
    if (maxFd < -1 || maxFd >= FD_SETSIZE) {
        return -EINVAL;
    }
    fd_set *sets = (fd_set *) (intptr_t) setsAddress;
    jint *ready = (jint *) (intptr_t) readyAddress;
    memcpy(&sets[WORK_READ], &sets[MASTER_READ], sizeof(fd_set));
    memcpy(&sets[WORK_WRITE], &sets[MASTER_WRITE], sizeof(fd_set));
    struct timeval timeout;
    struct timeval *timeoutOrNull = NULL;
    if (timeoutMillis >= 0) {
        timeout.tv_sec = timeoutMillis / 1000;
        timeout.tv_usec = (timeoutMillis % 1000) * 1000;
        timeoutOrNull = &timeout;
    }
    int found = select(maxFd + 1, &sets[WORK_READ], &sets[WORK_WRITE], NULL, timeoutOrNull);
    if (found < 0) {
        return errno == EINTR ? 0 : -errno;
    }
    jint reported = 0;
    for (int fd = 0; fd <= maxFd && found > 0; fd++) {
        jint bits = 0;
        if (FD_ISSET(fd, &sets[WORK_READ])) {
            bits |= POLLEN_INPUT_BITS;
            found--;
        }
        if (FD_ISSET(fd, &sets[WORK_WRITE])) {
            bits |= POLLEN_OUTPUT_BITS;
            found--;
        }
        if (bits == 0) {
            continue;
        }
        if (fd == wakeFd) {
            pollen_eventfd_drain(wakeFd);
            continue;
        }
        pollen_ready_put(ready, reported++, fd, bits);
    }
    return reported;
}

/* Keep in sync with the native declarations of SelectNative.java. */
static const JNINativeMethod select_methods[] = {
    POLLEN_NATIVE(fdSetSize0, "()I"),
    POLLEN_NATIVE(fdSetsBytes0, "()I"),
    POLLEN_NATIVE(fdSetUpdate0, "(JII)I"),
    POLLEN_NATIVE(select0, "(JIIIJ)I"),
};

POLLEN_JNI_LIBRARY(SELECT_NATIVE_CLASS, select_methods)
